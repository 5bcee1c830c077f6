// A tour's question on the page, as the kiosk asks it: its prompt, one real <button> per option and
// the seconds left before it times out. The panel is a labelled group whose prompt is announced
// (aria-live); the first option takes focus when it appears, and Escape does not dismiss it: a
// question is answered or waited out, never skipped.
import { UI } from './strings.js';

export class QuestionPanel {
  constructor(root) {
    this.root = root;
    this.prompt = root.querySelector('#question-prompt');
    this.options = root.querySelector('#question-options');
    this.clock = root.querySelector('#question-time');
    this.question = null;
    // Escape goes no further than the panel, so nothing behind it (a card, a mode) takes it as a skip
    root.addEventListener('keydown', (e) => { if (e.key === 'Escape') e.stopPropagation(); });
  }

  get shown() {
    return this.question;
  }

  // Shows `question` ({prompt, options: [{id, text}], ...}); onPick(optionId) when one is chosen.
  show(question, lang, secondsLeft, onPick) {
    this.hide();
    this.question = question;
    this.lang = lang;
    this.returnFocus = document.activeElement;
    this.options.setAttribute('aria-label', UI[lang].choose_answer);
    this.options.replaceChildren(...question.options.map((option) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.option = option.id;
      button.textContent = option.text;
      button.addEventListener('click', () => onPick(option.id));
      return button;
    }));
    this.root.hidden = false;
    this.prompt.textContent = question.prompt;  // after unhiding, so the live region announces it
    this.tick(secondsLeft);
    this.options.firstElementChild.focus();
  }

  tick(secondsLeft) {
    const seconds = Math.max(0, Math.ceil(secondsLeft));
    this.clock.textContent = UI[this.lang].time_left.replace('{s}', seconds);
  }

  hide() {
    if (!this.question) return;
    const hadFocus = this.root.contains(document.activeElement);
    this.question = null;
    this.root.hidden = true;  // its buttons stay until the next question: the one clicked is still there after its click
    this.prompt.textContent = '';
    // keyboard users go back to where they were, not to the page's start
    if (hadFocus && this.returnFocus && this.returnFocus.isConnected) this.returnFocus.focus();
  }
}
