// POIs as real <button>s over the canvas, moved each frame to where their pin is drawn. A button
// whose pin is behind the camera or off the picture stays in the tab order (keyboard and screen
// reader users reach every POI) but is only shown while it has focus, at the nearest edge.
//
// Labels never overlap: nearest first (the focused one before all), each takes its label at its pin,
// or shifted up a label's height at a time, or shrinks to a pin-only button, or, with no room even
// for that, hides like an off-picture one; none goes under the page's bars. Every button keeps its
// aria-label and its place in the tab order.
import { Vector3 } from 'three';

const EDGE_PX = 24;
const GAP_PX = 4;  // between two labels' boxes
const SHIFTS = 3;  // how many label heights a label may move up to find room
export const PIN_PX = 44;  // a pin-only button's side (style.css .hotspot.pin): still large enough for a finger

function overlaps(a, taken) {
  return taken.some((b) => a.left < b.right + GAP_PX && b.left < a.right + GAP_PX
    && a.top < b.bottom + GAP_PX && b.top < a.bottom + GAP_PX);
}

// Where each shown hotspot goes, in priority order: [{ mode: 'label' | 'pin' | 'crowded', lift }],
// lift in pixels above the pin. `shown`: [{ x, y, w, h }], x, y the pin on screen, w, h its label;
// `covered`: boxes ({ left, top, right, bottom }) the page's own bars hide.
export function layOut(shown, covered = []) {
  const taken = [...covered];
  return shown.map(({ x, y, w, h }) => {
    for (let step = 0; step <= SHIFTS; step += 1) {
      const lift = step * (h + GAP_PX);
      const box = { left: x - w / 2, right: x + w / 2, top: y - lift - h, bottom: y - lift };
      if (!overlaps(box, taken)) {
        taken.push(box);
        return { mode: 'label', lift };
      }
    }
    const pin = { left: x - PIN_PX / 2, right: x + PIN_PX / 2, top: y - PIN_PX, bottom: y };
    if (overlaps(pin, taken)) return { mode: 'crowded', lift: 0 };
    taken.push(pin);
    return { mode: 'pin', lift: 0 };
  });
}

export class Hotspots {
  // `bars`: the page's elements over the picture (header, nav, credits), which no label may go under.
  constructor(layer, pois, onOpen, bars = []) {
    this.bars = bars;
    this.items = pois.map((poi) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'hotspot';
      button.dataset.poi = poi.id;
      button.addEventListener('click', () => onOpen(poi, button));
      layer.appendChild(button);
      return { poi, button, at: new Vector3(...poi.position), size: null };
    });
    this.scratch = new Vector3();
    this.last = null;
    // the focused hotspot goes first and shows its label: laid out again as focus moves, frame or not
    layer.addEventListener('focusin', () => this.again());
    layer.addEventListener('focusout', () => this.again());
    if (document.fonts) document.fonts.addEventListener('loadingdone', () => { this.forgetSizes(); this.again(); });
  }

  forgetSizes() {
    for (const item of this.items) item.size = null;
  }

  setLanguage(lang) {
    for (const { poi, button } of this.items) {
      button.textContent = poi.name[lang];
      button.setAttribute('aria-label', poi.name[lang]);
    }
    this.forgetSizes();
    this.again();
  }

  // Each label's full size, measured once per text and font (reading it every frame would lay the page out each time).
  measure() {
    const unknown = this.items.filter((item) => !item.size);
    for (const { button } of unknown) button.classList.remove('pin', 'crowded');
    for (const item of unknown) item.size = { w: item.button.offsetWidth, h: item.button.offsetHeight };
  }

  again() {
    if (this.last) this.place(...this.last);
  }

  place(camera, width, height) {
    this.last = [camera, width, height];
    this.measure();
    const shown = [];
    for (const item of this.items) {
      const { at, button } = item;
      const p = this.scratch.copy(at).project(camera);
      const ahead = p.z < 1;
      let x = (p.x + 1) / 2 * width;
      let y = (1 - p.y) / 2 * height;
      const inside = ahead && x >= 0 && x <= width && y >= 0 && y <= height;
      if (!ahead) { x = width - x; y = height - EDGE_PX; }
      item.x = Math.min(Math.max(x, EDGE_PX), width - EDGE_PX);
      item.y = Math.min(Math.max(y, EDGE_PX), height - EDGE_PX);
      item.lift = 0;
      button.classList.toggle('outside', !inside);
      button.classList.remove('pin', 'crowded');
      if (inside) {
        item.distance = camera.position.distanceTo(at);
        shown.push(item);
      }
    }
    const focused = document.activeElement;
    shown.sort((a, b) => (b.button === focused) - (a.button === focused) || a.distance - b.distance);
    const covered = this.bars.map((bar) => bar.getBoundingClientRect()).filter((box) => box.width && box.height);
    const places = layOut(shown.map(({ x, y, size }) => ({ x, y, w: size.w, h: size.h })), covered);
    shown.forEach((item, i) => {
      item.lift = places[i].lift;
      if (places[i].mode !== 'label') item.button.classList.add(places[i].mode);
    });
    for (const { button, x, y, lift } of this.items) {
      button.classList.toggle('lifted', lift > 0);
      button.style.setProperty('--lift', `${lift}px`);  // the stem down to its pin
      button.style.transform = `translate(${x.toFixed(1)}px, ${(y - lift).toFixed(1)}px) translate(-50%, -100%)`;
    }
  }
}
