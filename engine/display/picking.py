"""What is under a screen point: a ray from the eye through it, against POI pins and hidden
collectibles (anything carrying a collision solid in the pick mask and a `poi` or `collectible` tag)."""
from __future__ import annotations

from panda3d.core import CollisionHandlerQueue, CollisionNode, CollisionRay, CollisionTraverser, NodePath

from engine.world.nodes.markers import PICK_MASK


class MarkerPicker:
    def __init__(self, camera: NodePath, markers: NodePath):
        self.markers = markers  # the root searched: the markers, or a node holding them and more
        self.ray = CollisionRay()
        node = CollisionNode("pick-ray")
        node.add_solid(self.ray)
        node.set_from_collide_mask(PICK_MASK)
        node.set_into_collide_mask(0)
        self.ray_np = camera.attach_new_node(node)
        self.queue = CollisionHandlerQueue()
        self.traverser = CollisionTraverser("marker-picker")
        self.traverser.add_collider(self.ray_np, self.queue)

    def pick(self, lens_node, ndc_x: float, ndc_y: float) -> str | None:
        """The POI id under the point (-1..1 film coordinates), nearest first; None if none."""
        hit = self.pick_any(lens_node, ndc_x, ndc_y)
        return hit[1] if hit and hit[0] == "poi" else None

    def pick_any(self, lens_node, ndc_x: float, ndc_y: float) -> tuple[str, str] | None:
        """(kind, id) of the nearest pickable thing under the point: kind 'poi' or 'collectible'."""
        self.ray.set_from_lens(lens_node, ndc_x, ndc_y)
        self.traverser.traverse(self.markers)
        if self.queue.get_num_entries() == 0:
            return None
        self.queue.sort_entries()
        hit = self.queue.get_entry(0).get_into_node_path()
        for kind in ("poi", "collectible"):
            tagged = hit.find_net_tag(kind)
            if not tagged.is_empty():
                return kind, tagged.get_tag(kind)
        return None

    def destroy(self) -> None:
        self.ray_np.remove_node()
