// The souvenir verification page: a certificate from the URL's fragment (where a postcard's QR code
// puts it) or pasted, judged in the browser against the installations' keys the site lists
// (keys.json). Its words come from the engine's table, inside the page (#words).
import { base64Bytes, useFormat, verifyCertificate } from './certificate.js';

const $ = (selector) => document.querySelector(selector);
const WORDS = JSON.parse($('#words').textContent);
const LANGS = ['zh', 'en'];
useFormat(JSON.parse($('#format').textContent));

let lang = 'zh';
let trusted = new Map();
let keysLoaded = null;
let lastResult = null;

function say(key, fields = {}) {
  return WORDS[lang][key].replace(/\{(\w+)\}/g, (_, name) => fields[name] ?? '');
}

async function loadKeys() {
  const data = await (await fetch('keys.json', { cache: 'no-store' })).json();
  trusted = new Map(data.keys.map((k) => [k.id, base64Bytes(k.ed25519)]));
  $('#no-keys').hidden = trusted.size > 0;
}

// The certificate in the address's fragment (a QR code's link), or ''. A damaged escape (%E0%A4%A)
// is kept as it is: the check then calls the text unreadable instead of the page failing.
function fromFragment() {
  const raw = location.hash.slice(1);
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch (error) {
    if (!(error instanceof URIError)) throw error;
  }
  return text.startsWith('LUDAO') ? text : '';
}

function row(term, value) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  $('#details').append(dt, dd);
}

function show(result) {
  lastResult = result;
  if (!result) return;
  const section = $('#result');
  section.hidden = false;
  section.dataset.status = result.status;
  $('#verdict').textContent = say(result.status === 'error' ? 'no_crypto' : result.status, { key: result.keyId ?? '' });
  $('#reason').textContent = result.reason ?? '';
  $('#details').replaceChildren();
  const cert = result.certificate;
  if (!cert || result.status === 'forged') return;  // a forged text's claims are not worth repeating
  row(say('scene'), cert.sceneName[lang]);
  row(say('issued'), cert.issued);
  row(say('stamps'), String(cert.stamps.length));
  row(say('badges'), String(cert.badges.length));
  row(say('collectibles'), String(cert.collectibles.length));
  row(say('score'), String(cert.score));
  if (cert.events.length) row(say('events'), cert.events.join(', '));
  row(say('installation'), result.keyId);
}

async function check(text) {
  $('#certificate').value = text;
  await keysLoaded;
  try {
    show(await verifyCertificate(text.trim(), trusted));  // spaces around a pasted text change nothing
  } catch (error) {
    show({ status: 'error', reason: String(error && error.message || error) });
  }
  window.verified = lastResult.status;  // for tests: the last verdict
}

function setLanguage(next) {
  lang = next;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = say('verify_title');
  $('#title').textContent = say('verify_title');
  $('#lang').textContent = say('switch_language');
  $('#intro').textContent = say('verify_intro');
  $('#certificate-label').textContent = say('certificate');
  $('#check').textContent = say('check');
  $('#no-keys').textContent = say('no_keys');
  $('#back').textContent = say('back_to_scene');
  show(lastResult);
}

function start() {
  const asked = new URLSearchParams(location.search).get('lang');
  setLanguage(LANGS.includes(asked) ? asked : (navigator.language || '').startsWith('zh') ? 'zh' : 'en');
  $('#lang').addEventListener('click', () => setLanguage(lang === 'zh' ? 'en' : 'zh'));
  $('#form').addEventListener('submit', (event) => {
    event.preventDefault();
    check($('#certificate').value);
  });
  window.addEventListener('hashchange', () => { if (fromFragment()) check(fromFragment()); });
  keysLoaded = loadKeys().catch((error) => {  // keys.json missing or damaged: nothing can be confirmed, and the page says so
    window.verifyError = String(error);
    $('#no-keys').hidden = false;
  });
  const text = fromFragment();
  if (text) check(text);
  keysLoaded.then(() => { window.verifyReady = true; });
  // For tests: the verdict on any text, without the page's form (status only).
  window.verifyText = async (t) => { await keysLoaded; return (await verifyCertificate(t, trusted)).status; };
}

start();
