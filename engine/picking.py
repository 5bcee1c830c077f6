"""Which POI marker is under a screen point: a ray from the eye through it, against the pins."""
from __future__ import annotations

from panda3d.core import CollisionHandlerQueue, CollisionNode, CollisionRay, CollisionTraverser, NodePath

from engine.world.markers import PICK_MASK


class MarkerPicker:
    def __init__(self, camera: NodePath, markers: NodePath):
        self.markers = markers
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
        self.ray.set_from_lens(lens_node, ndc_x, ndc_y)
        self.traverser.traverse(self.markers)
        if self.queue.get_num_entries() == 0:
            return None
        self.queue.sort_entries()
        hit = self.queue.get_entry(0).get_into_node_path()
        tagged = hit.find_net_tag("poi")
        return tagged.get_tag("poi") if not tagged.is_empty() else None

    def destroy(self) -> None:
        self.ray_np.remove_node()
