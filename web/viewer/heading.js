// The page's heading convention, shared by walking and VR: yaw in radians about +Y, 0 looking
// along -Z (north in the export's glTF axes), positive turning left.

// The heading of a look from `eye` towards `target`.
export function yawTowards(eye, target) {
  return Math.atan2(eye.x - target.x, eye.z - target.z);
}
