// The page's own words in both languages: the engine's table (engine/i18n/ui_words.py), which the
// publisher writes into the page as JSON (#words), so the kiosk and the page say the same. The
// scene's texts come from scene.json.
export const UI = JSON.parse(document.getElementById('words').textContent);
export const LANGS = ['zh', 'en'];
