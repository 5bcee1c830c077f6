// A tour's recordings on the page: each cue's narration and each sound, played from the site's own
// audio/ folder at their time on the tour's clock. Their <audio> elements (unseen: no controls) stay
// in the page until the tour stops or a question's answer takes another branch, which silences them
// all; so what a tour played can be found there (the tests look).
export class Narration {
  constructor(parent) {
    this.parent = parent;
    this.elements = [];
  }

  // Plays `src` from `offsetS` seconds in (a cue the page's clock reached a little late).
  play(src, { offsetS = 0, volume = 1, kind = 'narration' } = {}) {
    const audio = document.createElement('audio');
    audio.className = kind;
    audio.preload = 'auto';
    audio.volume = volume;
    audio.src = src;
    if (offsetS > 0.05) audio.currentTime = offsetS;
    this.parent.appendChild(audio);
    this.elements.push(audio);
    // A browser may refuse sound before the visitor has touched the page; the tour plays on silent.
    audio.play().catch(() => {});
    return audio;
  }

  stopAll() {
    for (const audio of this.elements) {
      audio.pause();
      audio.remove();
    }
    this.elements = [];
  }
}
