// A tour played back from its published track (tours/<id>.<lang>.json, in the language it was
// started in: narration sets the timeline, so each language has its own). The track is a tree of the
// engine's headless runs (engine/publish/tour_tree.py): node 0 is the run nobody answers; a question
// in a node shows as buttons while that node's own track plays on towards its timeout, and an answer
// switches to the option's node, whose run was answered at the question's time, with the tour's
// clock set back to that time so the two line up. Subtitles, recordings and sounds follow the clock.
import { Vector3 } from 'three';
import { Narration } from './narration.js';
import { QuestionPanel } from './question.js';

const TICK_MS = 100;  // subtitles follow the clock even when a software-rendered frame is slow
const SOUND_LATE_S = 1;  // a sound the clock passed longer ago than this is not started any more

export class TourPlayer {
  constructor(world, subtitle, onChange) {
    this.world = world;
    this.subtitle = subtitle;
    this.onChange = onChange;  // playing or not: the page shows the stop button, hides the orbit
    this.panel = new QuestionPanel(document.getElementById('question'));
    this.narration = new Narration(document.body);
    this.track = null;
    this.ticket = 0;  // a play() whose track arrives after a stop or a later play() is dropped
    this.eye = new Vector3();
    this.target = new Vector3();
  }

  async play(tourId, lang) {
    this.stop();
    const ticket = ++this.ticket;
    const track = await fetch(`tours/${tourId}.${lang}.json`).then((r) => r.json());
    if (ticket !== this.ticket) return;
    this.track = track;
    this.lang = lang;
    this.enter(0, 0);
    this.world.controls.enabled = false;
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.tick();
    this.onChange(true);
  }

  // Plays node `index` of the track from tour time `t` on.
  enter(index, t) {
    this.node = this.track.nodes[index];
    this.started = performance.now() - t * 1000;
    this.key = 0;
    this.heard = new Set();  // the node's cues and sounds already started
    this.narration.stopAll();
    this.panel.hide();
  }

  get time() {
    return this.track ? (performance.now() - this.started) / 1000 : null;
  }

  stop() {
    this.ticket += 1;
    if (!this.track) return;
    clearInterval(this.timer);
    this.track = null;
    this.narration.stopAll();
    this.panel.hide();
    this.subtitle.textContent = '';
    this.subtitle.hidden = true;
    this.world.controls.enabled = true;
    this.world.controls.target.copy(this.target);  // orbiting resumes round what the tour looked at
    this.onChange(false);
  }

  tick() {
    const t = this.time;
    if (t === null) return;
    const node = this.node;
    const cue = node.cues.find((c) => c.start <= t && t < c.end);
    this.subtitle.textContent = cue ? cue.text : '';
    this.subtitle.hidden = !cue;
    if (cue && cue.audio && !this.heard.has(cue)) this.narration.play(cue.audio, { offsetS: t - cue.start });
    if (cue) this.heard.add(cue);
    for (const sound of node.sounds) {
      if (sound.t > t || this.heard.has(sound)) continue;
      this.heard.add(sound);
      if (t - sound.t < SOUND_LATE_S) this.narration.play(sound.audio, { volume: sound.volume, kind: 'sound' });
    }
    this.ask(t);
    if (t > node.duration_s) this.stop();
  }

  // The node's question whose time it is, on screen with its countdown; none once it timed out.
  ask(t) {
    const question = this.node.questions.find((q) => q.t <= t && t < q.t + q.timeout_s);
    if (!question) {
      this.panel.hide();
    } else if (question !== this.panel.shown) {
      this.panel.show(question, this.lang, question.t + question.timeout_s - t, (option) => this.answer(question, option));
    } else {
      this.panel.tick(question.t + question.timeout_s - t);
    }
  }

  answer(question, option) {
    if (this.panel.shown !== question || !(option in question.branches)) return;
    this.enter(question.branches[option], question.t);
    this.tick();
  }

  // Moves the camera to the tour's pose now; false when no tour plays.
  update() {
    const t = this.time;
    if (t === null) return false;
    const keys = this.node.camera;
    while (this.key < keys.length - 2 && keys[this.key + 1][0] <= t) this.key += 1;
    const a = keys[this.key];
    const b = keys[Math.min(this.key + 1, keys.length - 1)];
    const u = b[0] > a[0] ? Math.min(Math.max((t - a[0]) / (b[0] - a[0]), 0), 1) : 0;
    this.eye.set(...a.slice(1, 4)).lerp(new Vector3(...b.slice(1, 4)), u);
    this.target.set(...a.slice(4, 7)).lerp(new Vector3(...b.slice(4, 7)), u);
    this.world.camera.position.copy(this.eye);
    this.world.camera.lookAt(this.target);
    return true;
  }
}
