// "Enter VR" where the browser has an immersive headset (WebXR), with the engine's headset comfort
// rules (engine/xr/comfort.py): the view never moves or turns by itself; the visitor stands at the
// page's current view, and a controller's select jumps, instantly, to the next viewpoint. Nothing
// else moves them. The button shows only where isSessionSupported('immersive-vr') says yes.
import { Matrix4, Quaternion, Vector3 } from 'three';
import { yawTowards } from './heading.js';

const STANDING_EYE_M = 1.6;  // engine.xr.comfort: a standing visitor's eyes above a floor-level origin
const NEAR_M = 0.1;  // a headset's hands and railings are close; the page's 1 m would cut them off

// XRRigidTransform's position and orientation for an offset reference space that puts the tracking
// origin (the visitor's floor, or their head in a 'local' space) at `origin`, turned by `yaw`:
// the space's offset is where its new origin lies in the old one, the inverse of the visitor's pose.
export function originOffset(origin, yaw) {
  const pose = new Matrix4().compose(origin, new Quaternion().setFromAxisAngle(new Vector3(0, 1, 0), yaw),
    new Vector3(1, 1, 1)).invert();
  const position = new Vector3();
  const orientation = new Quaternion();
  pose.decompose(position, orientation, new Vector3());
  return { position: { x: position.x, y: position.y, z: position.z, w: 1 },
    orientation: { x: orientation.x, y: orientation.y, z: orientation.z, w: orientation.w } };
}

export class VrEntry {
  // hooks: beforeEnter() puts the page in its plain orbit view (no tour, no walk); nextView() -> the
  // viewpoint a select jumps to; onChange(presenting) lets the page draw every frame, then restore itself.
  constructor(button, notice, world, hooks) {
    this.button = button;
    this.notice = notice;
    this.world = world;
    this.hooks = hooks;
    this.session = null;
    this.noticeKey = null;
    button.hidden = true;
    button.addEventListener('click', () => this.enter());
    if (navigator.xr && navigator.xr.addEventListener) {  // a headset plugged in, or taken away, later
      navigator.xr.addEventListener('devicechange', () => this.offer());
    }
  }

  get presenting() {
    return this.session !== null;
  }

  // Shows the button only where an immersive headset can start; a phone or desktop without VR never sees it.
  async offer() {
    if (!navigator.xr || !navigator.xr.isSessionSupported) return;
    try {
      this.button.hidden = !(await navigator.xr.isSessionSupported('immersive-vr'));
    } catch (error) {  // a permissions policy may forbid asking
      this.button.hidden = true;
    }
  }

  setLanguage(ui) {
    this.ui = ui;
    this.button.textContent = ui.enter_vr;
    if (this.noticeKey) this.notice.textContent = ui[this.noticeKey];
  }

  say(key) {
    this.noticeKey = key;
    this.notice.textContent = this.ui[key];
    this.notice.hidden = false;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => { this.notice.hidden = true; this.noticeKey = null; }, 8000);
  }

  enter() {
    if (this.session) return;
    this.notice.hidden = true;
    this.hooks.beforeEnter();
    // asked at once, inside the click: a browser grants a session only to the visitor's own gesture
    let asked;
    try {
      asked = navigator.xr.requestSession('immersive-vr', { optionalFeatures: ['local-floor'] });
    } catch (error) {
      asked = Promise.reject(error);
    }
    asked.then((session) => this.start(session)).catch((error) => {
      window.vrError = String(error && error.message || error);  // for whoever debugs; the visitor reads the notice
      this.say('vr_failed');
    });
  }

  async start(session) {
    const { renderer, camera, controls } = this.world;
    this.saved = { position: camera.position.clone(), quaternion: camera.quaternion.clone(), near: camera.near,
      fov: camera.fov, target: controls.target.clone(), enabled: controls.enabled };
    this.session = session;
    session.addEventListener('end', () => this.ended());
    try {
      // local-floor was only asked for: a headset without it gets 'local', whose origin is the head
      const floor = await session.requestReferenceSpace('local-floor').then(() => true, () => false);
      this.eyeAboveOrigin = floor ? STANDING_EYE_M : 0;
      controls.enabled = false;
      camera.near = NEAR_M;
      camera.updateProjectionMatrix();
      renderer.xr.enabled = true;
      renderer.xr.setReferenceSpaceType(floor ? 'local-floor' : 'local');
      await renderer.xr.setSession(session);
      this.base = renderer.xr.getReferenceSpace();
      this.standAt(this.saved.position, yawTowards(this.saved.position, this.saved.target));
      session.addEventListener('select', () => this.jump());
      this.hooks.onChange(true);
    } catch (error) {
      window.vrError = String(error && error.message || error);
      this.say('vr_failed');
      session.end().catch(() => {});
    }
  }

  // The visitor's eyes at `eye`, facing `yaw`: an instant move, asked for by the visitor or the entry.
  standAt(eye, yaw) {
    const origin = new Vector3(eye.x, eye.y - this.eyeAboveOrigin, eye.z);
    const { position, orientation } = originOffset(origin, yaw);
    this.world.renderer.xr.setReferenceSpace(this.base.getOffsetReferenceSpace(new XRRigidTransform(position, orientation)));
  }

  jump() {
    const view = this.hooks.nextView();
    if (!view) return;
    const eye = new Vector3(...view.position);
    this.standAt(eye, yawTowards(eye, new Vector3(...view.target)));
  }

  ended() {
    const { renderer, camera, controls } = this.world;
    this.session = null;
    renderer.xr.enabled = false;
    const saved = this.saved;
    if (saved) {  // the page's own view, as it was before the headset
      camera.position.copy(saved.position);
      camera.quaternion.copy(saved.quaternion);
      camera.near = saved.near;
      camera.fov = saved.fov;
      camera.updateProjectionMatrix();
      controls.target.copy(saved.target);
      controls.enabled = saved.enabled;
    }
    this.hooks.onChange(false);
  }
}
