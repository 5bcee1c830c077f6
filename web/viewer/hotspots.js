// POIs as real <button>s over the canvas, moved each frame to where their pin is drawn. A button
// whose pin is behind the camera or off the picture stays in the tab order (keyboard and screen
// reader users reach every POI) but is only shown while it has focus, at the nearest edge.
import { Vector3 } from 'three';

const EDGE_PX = 24;

export class Hotspots {
  constructor(layer, pois, onOpen) {
    this.items = pois.map((poi) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'hotspot';
      button.dataset.poi = poi.id;
      button.addEventListener('click', () => onOpen(poi, button));
      layer.appendChild(button);
      return { poi, button, at: new Vector3(...poi.position) };
    });
    this.scratch = new Vector3();
  }

  setLanguage(lang) {
    for (const { poi, button } of this.items) {
      button.textContent = poi.name[lang];
      button.setAttribute('aria-label', poi.name[lang]);
    }
  }

  place(camera, width, height) {
    for (const { at, button } of this.items) {
      const p = this.scratch.copy(at).project(camera);
      const ahead = p.z < 1;
      let x = (p.x + 1) / 2 * width;
      let y = (1 - p.y) / 2 * height;
      const inside = ahead && x >= 0 && x <= width && y >= 0 && y <= height;
      if (!ahead) { x = width - x; y = height - EDGE_PX; }
      x = Math.min(Math.max(x, EDGE_PX), width - EDGE_PX);
      y = Math.min(Math.max(y, EDGE_PX), height - EDGE_PX);
      button.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px) translate(-50%, -100%)`;
      button.classList.toggle('outside', !inside);
    }
  }
}
