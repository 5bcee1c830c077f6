"""R, A, G, C: a scene's references, asset files and geometry (engine/manifest/scene_checks.py), and
the scene names and folders given on the command line (engine/scene_library.py, content_check.py)."""
from engine.diagnostic_codes.entry import entry

ENTRIES = [
    entry("R001", "error", "a duplicate id in a scene", """
        Two items of the same kind (two POIs, two viewpoints, two areas, ...) share an id. Ids are how
        tours, games and other parts of the scene refer to an item, so they must be unique within their
        kind; a POI and a land area may share a name. The hint gives the line of the first one.""", """
        viewpoints:
          - {id: from_sea, lat: 24.3955, lon: 117.9960, height_m: 80, look_at: summit}
          - {id: from_sea, lat: 24.3990, lon: 118.0000, height_m: 300, look_at: summit}""", """
        viewpoints:
          - {id: from_sea, lat: 24.3955, lon: 117.9960, height_m: 80, look_at: summit}
          - {id: above, lat: 24.3990, lon: 118.0000, height_m: 300, look_at: summit}"""),
    entry("R002", "error", "a reference to something not in the scene", """
        A field names another part of the scene that does not exist: a landmark's `poi`, a viewpoint's
        `look_at`, the `area` of a district or of vegetation (which must be a land area), or the scene's
        `default_view`. The hint suggests the closest existing id.""", """
        viewpoints:
          - {id: from_sea, lat: 24.3955, lon: 117.9960, height_m: 80, look_at: sumit}""", """
        viewpoints:
          - {id: from_sea, lat: 24.3955, lon: 117.9960, height_m: 80, look_at: summit}"""),
    entry("R003", "error", "a landmark without a position", """
        A landmark needs a place: a bridge or a pier a `path` of [lat, lon] points, every other kind a
        `lat` and a `lon`.""", """
        landmarks:
          - {id: jetty, kind: pier, lat: 24.3986, lon: 117.9990}""", """
        landmarks:
          - {id: jetty, kind: pier, path: [[24.3986, 117.9990], [24.3970, 117.9990]]}"""),
    entry("R004", "error", "a model landmark without a model file", """
        A landmark of kind `model` shows a 3D model file, so it needs a `model` field with the file's path
        (relative to the scene file).""", """
        landmarks:
          - {id: boat, kind: model, lat: 24.3975, lon: 117.9994}""", """
        landmarks:
          - {id: boat, kind: model, model: models/boat.glb, lat: 24.3975, lon: 117.9994}"""),
    entry("A001", "error", "an asset path that cannot be used", """
        A file path in content must be relative to the content file, stay inside the content folders (the
        content file's own folder and below, or the project's shared assets/ folder), and name a file that
        exists. Absolute paths, paths or links that lead elsewhere, and missing files are refused; the
        message says which.""", """
        - {id: boat, kind: model, model: /home/me/boat.glb, lat: 24.3975, lon: 117.9994}""", """
        - {id: boat, kind: model, model: models/boat.glb, lat: 24.3975, lon: 117.9994}"""),
    entry("A002", "error", "a model file of an unknown type", """
        A model must be a glTF file (`.glb` or `.gltf`), or Panda3D's own `.bam` or `.egg`. Export other
        formats (such as .obj or .fbx) to glTF binary (.glb) first.""", """
        # models/boat.obj exists, but is not a format the engine loads
        - {id: boat, kind: model, model: models/boat.obj, lat: 24.3975, lon: 117.9994}""", """
        - {id: boat, kind: model, model: models/boat.glb, lat: 24.3975, lon: 117.9994}"""),
    entry("A003", "error", "a model file that is not readable glTF", """
        The model file exists but is not a valid glTF file: it is damaged, truncated, or another format
        renamed to .glb. Export it again from your modelling tool as glTF binary.""", """
        # models/boat.glb is really a renamed .zip
        - {id: boat, kind: model, model: models/boat.glb, lat: 24.3975, lon: 117.9994}""", """
        # models/boat.glb exported again as glTF binary
        - {id: boat, kind: model, model: models/boat.glb, lat: 24.3975, lon: 117.9994}"""),
    entry("A004", "error", "a model that needs a missing or outside file", """
        A .gltf model refers to other files (its .bin data, its textures) and one of them is missing or
        lies outside the content folders. Copy those files next to the model, or export a single .glb
        that holds everything.""", """
        # boat.gltf refers to boat.bin, which was not copied
        - {id: boat, kind: model, model: models/boat.gltf, lat: 24.3975, lon: 117.9994}""", """
        - {id: boat, kind: model, model: models/boat.glb, lat: 24.3975, lon: 117.9994}"""),
    entry("G001", "error", "a place outside the scene", """
        A position lies outside the square the scene covers: `extent_m` metres east, west, north and south
        of the scene's `origin`. Usually a digit of the latitude or longitude is mistyped (0.01 degree is
        about 1 km); otherwise make `extent_m` larger.""", """
        origin: {lat: 24.40, lon: 118.00}
        extent_m: 600
        pois:
          - {id: summit, lat: 24.4300, lon: 118.0000}""", """
        origin: {lat: 24.40, lon: 118.00}
        extent_m: 600
        pois:
          - {id: summit, lat: 24.4000, lon: 118.0000}"""),
    entry("G002", "error", "an outline that crosses itself", """
        An area's outline must be a simple polygon: its edges may not cross or touch each other. A figure
        of eight usually means two points are in the wrong order. List the points in order around the
        edge.""", """
        outline: [[24.4016, 117.9980], [24.3985, 118.0025], [24.4018, 118.0020], [24.3982, 117.9978]]""", """
        outline: [[24.4016, 117.9980], [24.4018, 118.0020], [24.3985, 118.0025], [24.3982, 117.9978]]"""),
    entry("G003", "error", "an outline that encloses no area", """
        An area's outline encloses (almost) no ground: its points repeat, or all lie on one line. An
        outline needs at least three points that are not in a line.""", """
        outline: [[24.40, 118.00], [24.41, 118.01], [24.42, 118.02]]""", """
        outline: [[24.40, 118.00], [24.41, 118.01], [24.40, 118.02]]"""),
    entry("G004", "error", "a viewpoint under the ground or inside a landmark", """
        A viewpoint's eye (`lat`, `lon`, `height_m`, metres above sea level) must be above the ground and
        the water there, and not inside a landmark: within the circle a landmark stands on (half its
        diagonal, from `size_m`) and below its top. From inside, a visitor sees the inside of a rock or a
        wall. The message gives the height of the ground or of the landmark's top; raise `height_m` above
        it, or move the viewpoint away. `validate` plans the scene's terrain to check this.""", """
        viewpoints:
          - {id: on_rock, lat: 24.4472, lon: 118.0663, height_m: 40, look_at: summit}   # the rock is 92 m high""", """
        viewpoints:
          - {id: on_rock, lat: 24.4472, lon: 118.0663, height_m: 100, look_at: summit}"""),
    entry("C001", "error", "no scene of that name", """
        A command was given a scene name (for example `render gulangyu`) that is not the name of a folder
        in the scenes folder with a scene.yaml in it. The hint suggests the closest name, or lists the
        scenes there are; `run_tour.py list` lists them too.""", """
        # run_tour.py render gulangyuu --out g.png""", """
        # run_tour.py render gulangyu --out g.png"""),
    entry("C002", "error", "a folder without a scene", """
        `validate` was given a folder that holds no scene.yaml. Give it the scene file or its folder, a
        tour file, or nothing (to check all content).""", """
        # run_tour.py validate scenes/""", """
        # run_tour.py validate scenes/gulangyu"""),
]
