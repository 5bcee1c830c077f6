// The published scene: its model (scene.glb), its POIs as hotspots with their cards, its viewpoints,
// in Chinese or English. Bundled with three.js into one classic script (viewer.js): no module
// loading, nothing fetched from outside the site's folder.
import { Color, DirectionalLight, HemisphereLight, PerspectiveCamera, Scene, Vector3, WebGLRenderer } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { Card } from './card.js';
import { Hotspots } from './hotspots.js';
import { TourPlayer } from './tour.js';
import { GROUND_LAYERS, Walker } from './walk.js';
import { VrEntry } from './xr.js';
import { LANGS, UI } from './strings.js';

const $ = (selector) => document.querySelector(selector);
const SKY = 0xbfd8ea;

function failed(reason) {
  window.sceneError = String(reason && reason.message || reason);
  $('#loading-label').textContent = `${UI.zh.failed} / ${UI.en.failed}`;
}

function loadModel(url, onProgress) {
  const loader = new GLTFLoader();
  loader.setMeshoptDecoder(MeshoptDecoder);
  return new Promise((resolve, reject) => loader.load(url, resolve, (e) => {
    if (e.lengthComputable) onProgress(e.loaded / e.total);
  }, reject));
}

function makeWorld(canvas, extent) {
  const renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));  // a phone's 3x costs more than it shows
  const scene = new Scene();
  scene.background = new Color(SKY);
  scene.add(new HemisphereLight(0xffffff, 0x6b6350, 2.2));  // the kiosk's scenes are vertex-coloured
  const sun = new DirectionalLight(0xffffff, 1.6);
  sun.position.set(-0.5, 1, 0.4);
  scene.add(sun);
  const camera = new PerspectiveCamera(45, 1, 1, extent * 8);
  const controls = new OrbitControls(camera, canvas);
  controls.enableDamping = true;
  controls.maxPolarAngle = Math.PI * 0.49;  // never under the ground, like the kiosk's orbit
  controls.maxDistance = extent * 3;
  return { renderer, scene, camera, controls };
}

function goTo(world, view) {
  world.camera.position.set(...view.position);
  world.camera.fov = view.fov_deg;
  world.camera.updateProjectionMatrix();
  world.controls.target.copy(new Vector3(...view.target));
  world.controls.update();
}

async function start() {
  const data = await (await fetch('scene.json')).json();
  const world = makeWorld($('#scene'), data.scene.extent_m);
  let lang = LANGS.includes(document.documentElement.lang) ? document.documentElement.lang : 'zh';
  const card = new Card($('#card'));
  const hotspots = new Hotspots($('#hotspots'), data.pois, (poi, button) => card.show(poi, lang, button),
    [$('header'), $('nav'), $('#credits')]);
  const viewList = $('#views');
  const viewButtons = data.viewpoints.map((view) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.addEventListener('click', () => { tour.stop(); walker.leave(); goTo(world, view); lastView = view; });
    viewList.appendChild(button);
    return { view, button };
  });

  const tour = new TourPlayer(world, $('#subtitle'), (playing) => { $('#stop').hidden = !playing; });
  const tourButtons = data.tours.map((entry) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.tour = entry.id;
    button.addEventListener('click', () => { walker.leave(); tour.play(entry.id, lang).catch(failed); });
    $('#tours').appendChild(button);
    return { entry, button };
  });
  $('#stop').addEventListener('click', () => tour.stop());
  $('#tours-label').hidden = !data.tours.length;
  for (const line of data.scene.credits) {  // as text, never links: the page leaves its folder for nothing
    const item = document.createElement('li');
    item.textContent = line;
    $('#credits-list').appendChild(item);
  }

  let stale = true;
  let lastView = data.viewpoints[0];
  const walker = new Walker(world, data.scene.extent_m, $('#walk'), $('#walk-ahead'));
  $('#walk').addEventListener('click', () => {
    tour.stop();
    if (walker.active) walker.leave(); else walker.enter();
    stale = true;
  });
  const vr = new VrEntry($('#vr'), $('#notice'), world, {
    beforeEnter: () => { tour.stop(); walker.leave(); },
    nextView: () => {  // a select steps through the viewpoints, round again after the last
      lastView = data.viewpoints[(data.viewpoints.indexOf(lastView) + 1) % data.viewpoints.length];
      return lastView;
    },
    onChange: () => { resize(); stale = true; },
  });
  vr.offer();

  function setLanguage(next) {
    tour.stop();  // a tour's timeline is its language's: it does not switch half way

    lang = next;
    const ui = UI[lang];
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = data.scene.name[lang];
    $('#title').textContent = data.scene.name[lang];
    $('#lang').textContent = ui.switch_language;
    $('#lang').setAttribute('aria-label', ui.switch_label);
    $('#views-label').textContent = ui.views;
    $('#hotspots').setAttribute('aria-label', ui.hotspots);
    $('.card-close').textContent = ui.close;
    $('#loading-label').textContent = ui.loading;
    for (const { view, button } of viewButtons) button.textContent = view.name[lang];
    for (const { entry, button } of tourButtons) button.textContent = entry.title[lang];
    $('#tours-label').textContent = ui.tours;
    $('#stop').textContent = ui.stop;
    $('#credits-label').textContent = ui.credits;
    $('#verify-link').textContent = ui.check_souvenir;
    $('#verify-link').href = `verify.html?lang=${lang}`;
    walker.setLanguage(ui);
    vr.setLanguage(ui);
    hotspots.setLanguage(lang);
    card.render(lang);
  }
  $('#lang').addEventListener('click', () => setLanguage(lang === 'zh' ? 'en' : 'zh'));
  setLanguage(lang);

  const bar = $('#loading-bar');
  const gltf = await loadModel('scene.glb', (share) => { bar.value = share; });
  world.scene.add(gltf.scene);
  gltf.scene.updateMatrixWorld(true);
  walker.ground = gltf.scene.children.filter((node) => GROUND_LAYERS.includes(node.name));
  if (data.viewpoints.length) goTo(world, data.viewpoints[0]);

  function resize() {
    const { clientWidth: w, clientHeight: h } = world.renderer.domElement;
    world.renderer.setSize(w, h, false);
    world.camera.aspect = w / Math.max(h, 1);
    world.camera.updateProjectionMatrix();
  }
  // A frame is drawn only when the view changed (orbit, damping, resize, a viewpoint, a walk): an idle page
  // costs a phone's battery nothing, and a software-rendered browser stays responsive.
  world.controls.addEventListener('change', () => { stale = true; });
  window.addEventListener('resize', () => { resize(); stale = true; });
  resize();

  let frames = 0;
  world.renderer.setAnimationLoop(() => {
    const touring = tour.update();
    if (walker.active) stale = walker.update() || stale;
    else if (!touring) world.controls.update();
    if (!stale && !touring && !vr.presenting) return;  // a headset needs every frame
    stale = false;
    world.renderer.render(world.scene, world.camera);
    const canvas = world.renderer.domElement;
    if (!vr.presenting) hotspots.place(world.camera, canvas.clientWidth, canvas.clientHeight);
    frames += 1;
    if (frames === 1) {
      $('#loading').hidden = true;
      window.sceneReady = true;  // the first frame with the model is on the canvas
    }
  });
  // For tests and benchmarks/web_scene.py: frames drawn so far, the playing tour's clock (s, or null),
  // spin(true) orbits the view without end; camera(): the mode, the eye, where it looks (yaw about +Y,
  // 0 looking along -Z, and pitch, in degrees) and the ground under the eye; walkTo(x, z) puts a
  // walker there as a step would (clamped into the scene, on the ground).
  const mode = () => (vr.presenting ? 'vr' : tour.time !== null ? 'tour' : walker.active ? 'walk' : 'orbit');
  window.ludao = {
    frames: () => frames, tourTime: () => tour.time, spin: (on) => { world.controls.autoRotate = Boolean(on); },
    camera: () => {
      const { position } = world.camera;
      const look = world.camera.getWorldDirection(new Vector3());
      return { mode: mode(), position: position.toArray(), target: world.controls.target.toArray(),
        yaw: Math.atan2(-look.x, -look.z) * 180 / Math.PI, pitch: Math.asin(look.y) * 180 / Math.PI,
        ground: walker.groundAt(position.x, position.z) };
    },
    walkTo: (x, z) => { walker.placeEye(x, z, world.camera.position.y); stale = true; },
  };
}

start().catch(failed);
