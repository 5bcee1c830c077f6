"""The two lighting paths of a ShowBase, chosen once when it opens (`install`, from `make_base`):

- `fast`: fixed-function lights, with what shaders would do baked into vertex colours by the plan
  (the water's sheen, shade under buildings). Software GL (llvmpipe) draws a frame in tens of ms.
- `pbr`: simplepbr (pinned 0.12.0: 0.13.1 crashes llvmpipe's shader compiler with shadows) on the
  render root, with the sun casting shadows. The plan's colours are screen colours, so the PBR
  vertex shader reads each into the linear value simplepbr's tonemapping shows as that colour
  (`untonemapped`): an unlit colour (the sky dome, pins) comes out as planned, and a lit one as
  planned where the light adds up to what the fast path calls 1 (engine.world.nodes.sky's `physical`
  scales the lights to match). The haze is mixed in as the fast path mixes it, in screen colours,
  not in linear light (where a bright horizon outweighs the land behind it). Matte materials: metallic 0,
  roughness 0.85 for everything the plan builds, the water glossier; glTF models keep their own
  roughness (their metallic is already 0, engine.world.nodes.models).

`lighting_of(base)` is what a SceneView asks when it shows a scene (`adopt`) and when it lets go of
it (`release`), and a side-by-side stereo pair when it takes over the window (`on_eyes`: a
tonemapping pass for each eye's region) and gives it back (`off_eyes`); a base opened without
`install` has the fast path. A VR headset (engine.xr) draws with the fast path for now.
"""
from __future__ import annotations

import logging

from panda3d.core import Material, Shader, ShaderAttrib, Texture

from engine.gl_info import choose_quality, renderer_description

LOG = logging.getLogger("ludao.display")
SHADOW_MAP_PX = 2048
ROUGHNESS = 0.85  # dry stone, plaster, tiles, grass: no highlights to speak of
WATER_ROUGHNESS = 0.75  # a little glossier: a soft sheen where the sun is (0.6 and below glares)
_PLAN_COLOUR = "v_color = p3d_Color;"
# simplepbr 0.12's tonemap is y = T(x - 0.004), T(x) = x(6.2x + 0.5) / (x(6.2x + 1.7) + 0.06): solved for x.
# Plain white is what a mesh without colours (a glTF model: its colour is its material's, in linear
# light already) reads: it stays 1.
_LINEAR_COLOUR = """vec3 shown = min(p3d_Color.rgb, vec3(0.98));
    vec3 qa = 6.2 * (1.0 - shown);
    vec3 qb = 0.5 - 1.7 * shown;
    vec3 qc = -0.06 * shown;
    vec3 planned = (sqrt(qb * qb - 4.0 * qa * qc) - qb) / (2.0 * qa) + 0.004;
    v_color = vec4(p3d_Color.rgb == vec3(1.0) ? vec3(1.0) : planned, p3d_Color.a);"""
# The ambient light reflects the surface's own colour: simplepbr adds F0 (0.04 of white) to every
# surface's ambient term, which greys the unlit sky dome and pins (ambient 1, no other light) and
# every dark colour with them.
_PLAN_FOG = "color = mix(p3d_Fog.color, color, fog_factor);"
_SCREEN_FOG = "color.rgb = ludao_untonemap(mix(p3d_Fog.color.rgb, ludao_tonemap(color.rgb), fog_factor));"
_MAIN = "void main() {"
_TONEMAP = """vec3 ludao_tonemap(vec3 x) {
    x = max(vec3(0.0), x - vec3(0.004));
    return (x * (vec3(6.2) * x + vec3(0.5))) / (x * (vec3(6.2) * x + vec3(1.7)) + vec3(0.06));
}

vec3 ludao_untonemap(vec3 shown) {
    shown = min(shown, vec3(0.98));
    vec3 qa = 6.2 * (1.0 - shown);
    vec3 qb = 0.5 - 1.7 * shown;
    vec3 qc = -0.06 * shown;
    return (sqrt(qb * qb - 4.0 * qa * qc) - qb) / (2.0 * qa) + 0.004;
}

void main() {"""
_PLAN_AMBIENT = "color.rgb += (diffuse_color + spec_color) * p3d_LightModel.ambient.rgb * ambient_occlusion;"
_OWN_AMBIENT = "color.rgb += mix(base_color.rgb, spec_color, metallic) * p3d_LightModel.ambient.rgb * ambient_occlusion;"


class FastLighting:
    """Fixed-function lights: the scene as the plan lit it; nothing to do."""

    quality = "fast"

    def __init__(self, renderer: str = "unknown", why: str = "default"):
        self.renderer, self.why = renderer, why

    def adopt(self, scene) -> None:
        pass

    def release(self, scene) -> None:
        pass

    def on_eyes(self, eyes) -> None:
        pass

    def off_eyes(self) -> None:
        pass


class PbrLighting:
    quality = "pbr"

    def __init__(self, base, renderer: str, why: str, *, shadow_map_px: int = SHADOW_MAP_PX):
        import simplepbr
        self.renderer, self.why = renderer, why
        self.base = base
        self.eye_pipelines: list = []
        self.shadow_map_px = shadow_map_px
        # MSAA off: 4x costs 5x the frame time in software GL and is the window's business anyway.
        self.pipeline = simplepbr.init(render_node=base.render, window=base.win, camera_node=base.cam,
                                       taskmgr=base.task_mgr, msaa_samples=0, enable_shadows=True,
                                       enable_fog=True, max_lights=4)
        _linear_vertex_colours(base.render)
        # simplepbr's task sets it each frame; a frame drawn before the first step needs it too.
        base.render.set_shader_input("camera_world_position", base.cam.get_pos(base.render))
        self.material = _material(ROUGHNESS)
        self.water_material = _material(WATER_ROUGHNESS)
        self.white = Texture("ludao-white")
        self.white.setup_2d_texture(1, 1, Texture.T_unsigned_byte, Texture.F_rgba8)
        self.white.set_ram_image(b"\xff\xff\xff\xff")

    def on_eyes(self, eyes) -> None:
        """A stereo pair now shows `eyes` (cameras with a display region each) instead of the mono
        camera: each eye gets its own tonemapping pass (simplepbr's post-process follows a camera)."""
        import simplepbr
        self.pipeline._filtermgr.region.set_active(False)  # noqa: SLF001 the mono frame's tonemapped quad
        for eye in eyes:
            self.eye_pipelines.append(simplepbr.init(
                render_node=self.base.render, window=self.base.win, camera_node=eye, taskmgr=self.base.task_mgr,
                msaa_samples=0, enable_shadows=True, enable_fog=True, max_lights=4))
            # A region that is not the whole window has no clears of its own, and FilterManager
            # gives its buffer only those: without a depth clear nothing passes the depth test.
            buffer = self.eye_pipelines[-1]._filtermgr.buffers[0]  # noqa: SLF001
            buffer.set_clear_depth_active(True)
            buffer.set_clear_color_active(True)
        _linear_vertex_colours(self.base.render)  # each init set simplepbr's own shader again

    def off_eyes(self) -> None:
        """Before the pair's regions go: their tonemapping passes go first."""
        for pipeline in self.eye_pipelines:
            pipeline._filtermgr.cleanup()  # noqa: SLF001 (simplepbr 0.12 has no public way to undo init)
        self.pipeline._filtermgr.region.set_active(True)  # noqa: SLF001
        if self.eye_pipelines:
            self.base.task_mgr.remove("simplepbr update")  # every pipeline's task has that name...
            self.base.task_mgr.add(self.pipeline._update, "simplepbr update", sort=49)  # ...the mono one's back
        self.eye_pipelines = []

    def adopt(self, scene) -> None:
        extent = scene.manifest.extent_m
        sky = scene.sky
        sky.physical = True
        sky.shadow_distance = 2.0 * extent
        sun = sky.sun.node()
        sun.set_shadow_caster(True, self.shadow_map_px, self.shadow_map_px)
        lens = sun.get_lens()
        lens.set_film_size(2.2 * extent, 2.2 * extent)  # the scene's square, whichever way the sun stands
        lens.set_near_far(1.0, 4.0 * extent)
        scene.world.set_material(self.material)
        # Panda3D binds a light's shadow map while it binds textures; geometry with none (the plan's
        # vertex-coloured meshes) would never ask for the map, and no shadow would be drawn.
        scene.world.set_texture(self.white)
        if "water" in scene.nodes:
            scene.nodes["water"].set_material(self.water_material)
        if sky.hour is not None:
            sky.apply(sky.hour, sky.haze)

    def release(self, scene) -> None:
        sky = scene.sky
        sky.sun.node().set_shadow_caster(False)
        sky.physical = False
        sky.shadow_distance = None
        scene.world.clear_material()
        scene.world.clear_texture()
        if "water" in scene.nodes:
            scene.nodes["water"].clear_material()
        if sky.hour is not None:
            sky.apply(sky.hour, sky.haze)


def _material(roughness: float) -> Material:
    material = Material("ludao-pbr")
    material.set_base_color((1, 1, 1, 1))
    material.set_metallic(0.0)
    material.set_roughness(roughness)
    return material


def _linear_vertex_colours(render) -> None:
    """simplepbr's shader with the plan's sRGB vertex colours read into linear light and an ambient
    term that keeps unlit colours (see _OWN_AMBIENT)."""
    attrib = render.get_attrib(ShaderAttrib)
    shader = attrib.get_shader()
    vertex, fragment = shader.get_text(Shader.ST_vertex), shader.get_text(Shader.ST_fragment)
    if _PLAN_COLOUR not in vertex or any(part not in fragment for part in (_PLAN_AMBIENT, _PLAN_FOG, _MAIN)):
        LOG.warning("simplepbr's shaders have changed: the plan's colours are used as they are (paler)")
        return
    linear = Shader.make(Shader.SL_GLSL, vertex.replace(_PLAN_COLOUR, _LINEAR_COLOUR),
                         fragment.replace(_PLAN_AMBIENT, _OWN_AMBIENT).replace(_PLAN_FOG, _SCREEN_FOG)
                         .replace(_MAIN, _TONEMAP, 1))
    render.set_attrib(attrib.set_shader(linear))


def install(base, requested: str = "fast"):
    """Choose the base's lighting path (`requested`: auto, fast or pbr; engine.gl_info.choose_quality),
    set it up and keep it on the base. PBR that cannot start falls back to the fast path with a warning."""
    renderer = renderer_description(base)
    quality, why = choose_quality(requested, renderer)
    lighting = FastLighting(renderer, why)
    if quality == "pbr":
        try:
            lighting = PbrLighting(base, renderer, why)
        except Exception as exc:  # no shaders, no float buffers: the fast path still shows the scene
            LOG.warning("PBR lighting could not start (%s): the fast path draws instead", exc)
            lighting = FastLighting(renderer, f"pbr failed: {exc}")
    base.ludao_lighting = lighting
    LOG.info("lighting: %s (%s) on %s", lighting.quality, lighting.why, renderer)
    return lighting


def lighting_of(base):
    lighting = getattr(base, "ludao_lighting", None)
    return lighting if lighting is not None else FastLighting()
