"""A realised world plan: the scene as named layers of Panda3D nodes that can be added to and
removed from while it is shown.

The root holds the sky and light layer (engine.world.nodes.sky), a `world` node for everything
lit and hazed (terrain, water, landmarks, districts, vegetation, and layers added at run time)
and the marker layers (unlit, pickable). Removing a layer takes away exactly the nodes and the
footprints it brought, so the frame and the clearance floor are as they were before it came.
"""
from __future__ import annotations

from panda3d.core import NodePath

from engine.world.nodes.crowds import CrowdNode
from engine.world.nodes.effects import BeamNode, FireworksNode
from engine.world.nodes.geom import batch_node, set_vertex_colours
from engine.world.nodes.markers import build_markers
from engine.world.nodes.models import load_model
from engine.world.nodes.sky import SkyNodes
from engine.world.plan.clearance import Clearance
from engine.world.plan.layers import LayerPlan, WorldPlan
from engine.world.plan.mesh import hex_colour
from engine.world.plan.water import water_colours


class LayerExists(ValueError):
    """A layer of that name is already in the scene."""


class LiveScene:
    def __init__(self, plan: WorldPlan, loader=None):
        self.plan = plan
        self.manifest = plan.scene
        self.ground = plan.facts.ground
        self.projection = plan.facts.projection
        self.loader = loader  # for glTF models; a plan without models needs none
        self.root = NodePath(f"scene:{plan.scene.id}")
        self.world = self.root.attach_new_node("world")
        self.sky = SkyNodes(self.root, self.world, plan.scene.extent_m)
        self.layers: dict[str, LayerPlan] = {}
        self.nodes: dict[str, NodePath] = {}
        self.moving: dict[str, list] = {}  # by layer: crowds, beams, fireworks, moved every frame
        self._draw_order = 0
        self._clearance: Clearance | None = None  # made on first use, dropped when the layers change
        for layer in plan.layers:
            self.add_layer(layer)
        self.sky.apply(plan.time_of_day, plan.haze)
        # The light the scene stands in between tours: its own, or an event's while one is on.
        self.standing_light: tuple[float, float | None] = (plan.time_of_day, plan.haze)

    @property
    def markers(self) -> NodePath:
        """The scene's own POI markers (tapping picks them)."""
        return self.nodes["markers"]

    def marker_layers(self) -> list[NodePath]:
        """Every layer of markers now in the scene: its own and those added (an event's POIs)."""
        return [self.nodes[name] for name, layer in self.layers.items() if layer.markers]

    def find_poi(self, poi_id: str):
        """A POI of the scene or of a layer added to it (an event's); KeyError if none."""
        for poi in self.manifest.pois:
            if poi.id == poi_id:
                return poi
        for layer in self.layers.values():
            for poi in layer.pois:
                if poi.id == poi_id:
                    return poi
        raise KeyError(poi_id)

    def add_layer(self, layer: LayerPlan) -> NodePath:
        if layer.name in self.layers:
            raise LayerExists(f"the scene already has a layer '{layer.name}'")
        if layer.markers:
            node = build_markers(self.root, layer)
        else:
            node = self.world.attach_new_node(layer.name)
            for batch in layer.batches:
                geom = node.attach_new_node(batch_node(batch))
                if batch.material == "unlit":
                    geom.set_light_off(1)
                    geom.set_fog_off(1)
            for placement in layer.models:
                load_model(placement, self.loader).reparent_to(node)
            if layer.animated:
                self.moving[layer.name] = ([CrowdNode(node, c) for c in layer.crowds]
                                           + [BeamNode(node, b, i) for i, b in enumerate(layer.beams)]
                                           + [FireworksNode(node, f) for f in layer.fireworks])
        self._fix_draw_order(node)
        self.layers[layer.name] = layer
        self.nodes[layer.name] = node
        self._clearance = None
        return node

    def _fix_draw_order(self, node: NodePath) -> None:
        """Draw the layer's geometry in a fixed order, after everything before it. The default
        opaque bin sorts by render state, i.e. by where Panda3D happened to allocate it, so two
        builds of one scene could settle depth ties (a shore against the water) differently and
        differ by a few pixels; in a fixed order every build draws the same picture."""
        for geom in node.find_all_matches("**/+GeomNode"):
            geom.set_bin("fixed", self._draw_order)
            self._draw_order += 1

    def remove_layer(self, name: str) -> LayerPlan:
        layer = self.layers.pop(name)
        self.moving.pop(name, None)
        self.nodes.pop(name).remove_node()
        self._clearance = None
        return layer

    def animate(self, t: float, eye) -> None:
        """Move what moves (crowds, beams, fireworks) to time t; crowds are detailed near the eye."""
        for things in self.moving.values():
            for thing in things:
                thing.update(t, eye)

    @property
    def clearance(self) -> Clearance:
        """The floor a camera keeps above, from the footprints of every layer now in the scene."""
        if self._clearance is None:
            self._clearance = Clearance(self.ground, self.manifest.water.level_m,
                                        [(lay.footprints, lay.exact_footprints) for lay in self.layers.values()])
        return self._clearance

    # The scene is a tour's floor (engine.tour.world.Floor): a layer added while a tour runs counts.
    def ground_at(self, x: float, y: float) -> float:
        return self.clearance.ground_at(x, y)

    def floor(self, x: float, y: float) -> float:
        return self.clearance.floor(x, y)

    def set_standing_light(self, hour: float, haze: float | None = None) -> None:
        """The light the scene keeps (an event's evening), not just a tour's moment: lit now, and
        what `restore_light` goes back to after a tour has changed the hour."""
        self.standing_light = (hour, haze)
        self.set_time_of_day(hour, haze)

    def restore_light(self) -> None:
        self.set_time_of_day(*self.standing_light)

    def set_time_of_day(self, hour: float, haze: float | None = None) -> None:
        """Light the scene for another hour (and haze; default the scene's own)."""
        colours = self.sky.apply(hour, self.manifest.sky.haze if haze is None else haze)
        # The water's sheen follows the sun (its colours were planned for the scene's own hour).
        if "water" in self.layers:
            for batch in self.layers["water"].batches:
                found = self.nodes["water"].find(batch.name)
                if not found.is_empty():
                    rgba = water_colours(batch.mesh.vertices, hex_colour(self.manifest.water.colour), colours,
                                         self.manifest.extent_m)
                    set_vertex_colours(found.node(), rgba)
