// The info card of a POI: its name and card text in the current language, closed by its button or Escape.
export class Card {
  constructor(root) {
    this.root = root;
    this.title = root.querySelector('.card-title');
    this.body = root.querySelector('.card-body');
    this.close = root.querySelector('.card-close');
    this.poi = null;
    this.close.addEventListener('click', () => this.hide());
    root.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.hide(); });
  }

  show(poi, lang, opener) {
    this.poi = poi;
    this.opener = opener;
    this.root.hidden = false;
    this.render(lang);
    this.close.focus();
  }

  render(lang) {
    if (!this.poi) return;
    this.title.textContent = this.poi.name[lang];
    this.body.textContent = this.poi.card[lang];
  }

  hide() {
    this.root.hidden = true;
    this.poi = null;
    if (this.opener) this.opener.focus();  // keyboard users go back to the hotspot they came from
  }
}
