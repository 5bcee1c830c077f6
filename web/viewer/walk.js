// Walking as at the kiosk (engine/display/navigation.py): the eye EYE_HEIGHT_M above the ground under
// it, arrow keys or WASD move at WALK_MPS along the view's heading (left/right step sideways), a
// mouse or finger drag turns the head, pitch clamped. Never below the ground or the water surface,
// never outside the scene's square. On a phone: drag to turn, hold the "walk ahead" button to move.
import { Raycaster, Vector3 } from 'three';
import { yawTowards } from './heading.js';

export const EYE_HEIGHT_M = 1.7;
const WALK_MPS = 4.0;
const DEGREES_PER_PIXEL = 0.25;
const MAX_PITCH_DEG = 85;
const MAX_DT_S = 0.25;  // a stalled frame moves the walker no further than this much time would
const NEAR_M = 0.3;  // at eye height a wall or a railing is this close; the orbit's 1 m would cut it
const ORBIT_AHEAD_M = 120;  // back to orbit: the point turned around lies this far along the heading
// The glTF root nodes that are ground (engine/export/gltf.py names one node per layer): only these are
// raycast, not the thousands of houses and trees; the sea's surface is ground a walker stays on.
export const GROUND_LAYERS = ['terrain', 'water'];
const RAY_TOP_M = 10000;

// Held keys -> (forward, right), as the kiosk's HELD_KEYS (engine/display/input_map.py).
const KEYS = {
  KeyW: [1, 0], ArrowUp: [1, 0], KeyS: [-1, 0], ArrowDown: [-1, 0],
  KeyD: [0, 1], ArrowRight: [0, 1], KeyA: [0, -1], ArrowLeft: [0, -1],
};

// A key typed into a field (a visitor's answer, say) is text, not a step.
function typing(element) {
  return element instanceof HTMLElement
    && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

export class Walker {
  // `extent`: the scene's half-size (scene.extent_m); `toggle` names the mode it switches to, `ahead`
  // walks while held. The ground nodes are set once the model is in (`ground`).
  constructor(world, extent, toggle, ahead) {
    this.world = world;
    this.ground = [];
    this.extent = extent;
    this.toggle = toggle;
    this.aheadButton = ahead;
    this.ui = null;
    this.active = false;
    this.yaw = 0;
    this.pitch = 0;
    this.held = new Set();
    this.aheadHeld = false;
    this.dirty = false;
    this.raycaster = new Raycaster();
    this.down = new Vector3(0, -1, 0);
    this.last = null;
    this.listen();
  }

  listen() {
    window.addEventListener('keydown', (e) => {
      if (!this.active || !(e.code in KEYS) || e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
      e.preventDefault();
      this.startClock(e.timeStamp);
      this.held.add(e.code);
    });
    window.addEventListener('keyup', (e) => {
      if (this.held.has(e.code)) this.settle(e.timeStamp);
      this.held.delete(e.code);
    });
    window.addEventListener('blur', () => this.held.clear());  // a key let go elsewhere never comes back up
    const canvas = this.world.renderer.domElement;
    let from = null;
    canvas.addEventListener('pointerdown', (e) => {
      if (!this.active) return;
      from = { x: e.clientX, y: e.clientY, id: e.pointerId };
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.active || !from || e.pointerId !== from.id) return;
      this.turn(e.clientX - from.x, e.clientY - from.y);
      from = { x: e.clientX, y: e.clientY, id: e.pointerId };
    });
    const release = () => { from = null; };
    canvas.addEventListener('pointerup', release);
    canvas.addEventListener('pointercancel', release);
    const hold = (on) => (e) => {
      e.preventDefault();
      if (on) this.startClock(e.timeStamp); else if (this.aheadHeld) this.settle(e.timeStamp);
      this.aheadHeld = on && this.active;
    };
    this.aheadButton.addEventListener('pointerdown', hold(true));
    for (const type of ['pointerup', 'pointercancel', 'pointerleave']) this.aheadButton.addEventListener(type, hold(false));
    this.aheadButton.addEventListener('contextmenu', (e) => e.preventDefault());  // a long press is a walk, not a menu
  }

  setLanguage(ui) {
    this.ui = ui;
    this.showMode();
  }

  showMode() {
    this.aheadButton.hidden = !this.active;
    if (!this.ui) return;
    this.toggle.textContent = this.active ? this.ui.orbit : this.ui.walk;
    this.aheadButton.textContent = this.ui.walk_ahead;
  }

  // The ground's height under (x, z): the highest terrain or water surface; null off the model.
  groundAt(x, z) {
    this.raycaster.set(new Vector3(x, RAY_TOP_M, z), this.down);
    const hit = this.raycaster.intersectObjects(this.ground, true)[0];
    return hit ? hit.point.y : null;
  }

  // The eye over (x, z), inside the scene's square, EYE_HEIGHT_M above the ground there.
  placeEye(x, z, fallbackY) {
    const cx = Math.min(Math.max(x, -this.extent), this.extent);
    const cz = Math.min(Math.max(z, -this.extent), this.extent);
    const ground = this.groundAt(cx, cz);
    this.world.camera.position.set(cx, (ground ?? fallbackY - EYE_HEIGHT_M) + EYE_HEIGHT_M, cz);
  }

  aim() {
    const camera = this.world.camera;
    camera.rotation.set(this.pitch, this.yaw, 0, 'YXZ');
    camera.updateMatrixWorld();
  }

  // Starts on the ground under what the view looks at (inside the scene), or else under the eye,
  // facing the view's heading, level.
  enter() {
    if (this.active) return;
    const { camera, controls } = this.world;
    const target = controls.target;
    const inside = Math.abs(target.x) <= this.extent && Math.abs(target.z) <= this.extent;
    const at = inside ? target : camera.position;
    this.yaw = yawTowards(camera.position, target);
    this.pitch = 0;
    this.active = true;
    controls.enabled = false;
    camera.near = NEAR_M;
    camera.updateProjectionMatrix();
    this.placeEye(at.x, at.z, at.y);
    this.aim();
    this.last = null;
    this.showMode();
  }

  // Back to orbit round a point ahead on the heading, as the kiosk's set_mode('orbit').
  leave() {
    if (!this.active) return;
    const { camera, controls } = this.world;
    this.active = false;
    this.held.clear();
    this.aheadHeld = false;
    this.showMode();
    camera.near = 1;
    camera.updateProjectionMatrix();
    const x = camera.position.x - Math.sin(this.yaw) * ORBIT_AHEAD_M;
    const z = camera.position.z - Math.cos(this.yaw) * ORBIT_AHEAD_M;
    controls.target.set(x, this.groundAt(x, z) ?? camera.position.y - EYE_HEIGHT_M, z);
    controls.enabled = true;
    controls.update();
  }

  turn(dxPixels, dyPixels) {
    const rad = Math.PI / 180;
    this.yaw -= dxPixels * DEGREES_PER_PIXEL * rad;
    this.pitch = Math.min(Math.max(this.pitch - dyPixels * DEGREES_PER_PIXEL * rad, -MAX_PITCH_DEG * rad), MAX_PITCH_DEG * rad);
    this.dirty = true;
  }

  // A walk is timed from the key press (its event's time, on performance.now()'s clock), not from
  // the frame after it, nor from when a busy page got round to the event.
  startClock(at) {
    if (this.last === null) this.last = at;
  }

  // (forward, right) of the keys held now: opposite keys cancel, as at the kiosk.
  motion() {
    let forward = this.aheadHeld ? 1 : 0;
    let right = 0;
    for (const code of this.held) {
      forward += KEYS[code][0];
      right += KEYS[code][1];
    }
    return [Math.sign(forward), Math.sign(right)];
  }

  // A key let go between two frames: the walk up to that moment still counts, drawn next frame.
  settle(at) {
    if (this.active && this.step(at)) this.dirty = true;
  }

  // Moves by the keys held since the last frame; true when the view changed and needs drawing.
  update() {
    const moving = this.step(performance.now());
    const changed = this.dirty || moving;
    this.dirty = false;
    if (changed) this.aim();
    return changed;
  }

  // The walk since the clock last ran, at WALK_MPS along the heading; true while keys are held.
  step(now) {
    const dt = this.last === null ? 0 : Math.min(Math.max(now - this.last, 0) / 1000, MAX_DT_S);
    const [forward, right] = this.motion();
    const moving = forward !== 0 || right !== 0;
    this.last = moving ? now : null;
    if (moving && dt > 0) {
      const length = Math.hypot(forward, right);
      const step = WALK_MPS * dt / length;
      const sin = Math.sin(this.yaw);
      const cos = Math.cos(this.yaw);
      const position = this.world.camera.position;
      // ahead is (-sin, 0, -cos) for a yaw about +Y; right is (cos, 0, -sin)
      this.placeEye(position.x + (-sin * forward + cos * right) * step,
        position.z + (-cos * forward - sin * right) * step, position.y);
    }
    return moving;
  }
}
