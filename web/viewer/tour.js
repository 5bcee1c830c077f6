// A tour played back from its published tracks: the camera path the engine's headless run recorded
// (tours/<id>.<lang>.json) and its narration as subtitles (tours/<id>.<lang>.vtt), in the language
// it was started in (narration sets the timeline, so each language has its own).
import { Vector3 } from 'three';

const TICK_MS = 100;  // subtitles follow the clock even when a software-rendered frame is slow

function seconds(stamp) {
  const [h, m, s] = stamp.split(':');
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

// Cues of the WebVTT the publisher writes: an id line, a timing line, the text, a blank line.
export function parseVtt(text) {
  const cues = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    const lines = block.split(/\r?\n/);
    const at = lines.findIndex((line) => line.includes('-->'));
    if (at < 0) continue;
    const [start, end] = lines[at].split('-->').map((part) => seconds(part.trim().split(' ')[0]));
    cues.push({ start, end, text: lines.slice(at + 1).join('\n') });
  }
  return cues;
}

export class TourPlayer {
  constructor(world, subtitle, onChange) {
    this.world = world;
    this.subtitle = subtitle;
    this.onChange = onChange;  // playing or not: the page shows the stop button, hides the orbit
    this.track = null;
    this.eye = new Vector3();
    this.target = new Vector3();
  }

  async play(tourId, lang) {
    this.stop();
    const [track, vtt] = await Promise.all([
      fetch(`tours/${tourId}.${lang}.json`).then((r) => r.json()),
      fetch(`tours/${tourId}.${lang}.vtt`).then((r) => r.text()),
    ]);
    this.track = track;
    this.cues = parseVtt(vtt);
    this.key = 0;
    this.started = performance.now();
    this.world.controls.enabled = false;
    this.timer = setInterval(() => this.showSubtitle(), TICK_MS);
    this.showSubtitle();
    this.onChange(true);
  }

  get time() {
    return this.track ? (performance.now() - this.started) / 1000 : null;
  }

  stop() {
    if (!this.track) return;
    clearInterval(this.timer);
    this.track = null;
    this.subtitle.textContent = '';
    this.subtitle.hidden = true;
    this.world.controls.enabled = true;
    this.world.controls.target.copy(this.target);  // orbiting resumes round what the tour looked at
    this.onChange(false);
  }

  showSubtitle() {
    const t = this.time;
    if (t === null) return;
    const cue = this.cues.find((c) => c.start <= t && t < c.end);
    this.subtitle.textContent = cue ? cue.text : '';
    this.subtitle.hidden = !cue;
    if (t > this.track.duration_s) this.stop();
  }

  // Moves the camera to the tour's pose now; false when no tour plays.
  update() {
    const t = this.time;
    if (t === null) return false;
    const keys = this.track.camera;
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
