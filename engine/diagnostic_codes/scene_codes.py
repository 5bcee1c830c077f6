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
        A landmark needs a place: a bridge, a pier or a boardwalk a `path` of [lat, lon] points, a fort_wall
        or a boat either (a wall along the path, a row of boats moored along it), every other kind a
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
        The model file exists but is not a valid glTF 2.0 file: it is damaged, truncated (a .glb's header
        says how long it is, and the file must be exactly that long), its JSON is not an object, it needs
        a glTF extension the engine cannot read, or it is another format renamed to .glb. Export it again
        from your modelling tool as glTF binary.""", """
        # models/boat.glb is really a renamed .zip
        - {id: boat, kind: model, model: models/boat.glb, lat: 24.3975, lon: 117.9994}""", """
        # models/boat.glb exported again as glTF binary
        - {id: boat, kind: model, model: models/boat.glb, lat: 24.3975, lon: 117.9994}"""),
    entry("A004", "error", "a model that needs a missing or outside file", """
        A .gltf (or .egg) model refers to other files (its .bin data, its textures) and one of them is missing,
        lies outside the content folders, or is named in a way the engine does not read: an absolute path
        or a URL, a buffer that is not a .bin file or whose name is %-escaped. Names are decoded as URIs
        first, so `Cesium%20Logo.png` means the file `Cesium Logo.png` and `%2E%2E%2F` means `../`. Copy
        the files next to the model, or export a single .glb that holds everything.""", """
        # boat.gltf refers to boat.bin, which was not copied
        - {id: boat, kind: model, model: models/boat.gltf, lat: 24.3975, lon: 117.9994}""", """
        - {id: boat, kind: model, model: models/boat.glb, lat: 24.3975, lon: 117.9994}"""),
    entry("A005", "error", "a glTF model whose data is damaged", """
        The model's description of its data does not fit the data: a .bin file is shorter than the model
        says, a buffer view or an accessor reaches past the end of its buffer, a component type or an
        element type is not one glTF defines, a triangle names a vertex the mesh does not have, or a
        reference points at something that is not there. The loader would read past the end of its data
        (and crash), so the model is refused. Export the model again; if it was copied, copy its .bin
        file again too.""", """
        # boat.bin was cut short while copying
        - {id: boat, kind: model, model: models/boat.gltf, lat: 24.3975, lon: 117.9994}""", """
        # boat.gltf and boat.bin exported again together
        - {id: boat, kind: model, model: models/boat.gltf, lat: 24.3975, lon: 117.9994}"""),
    entry("A006", "error", "a model texture that cannot be used", """
        A texture of the model is empty, damaged, not a PNG or JPEG image, or larger than 8192 pixels
        on a side (a small file that claims a huge picture is refused before it is decoded). Save the
        texture again as PNG or JPEG, at most 8192 x 8192 pixels, and export the model again.""", """
        # models/boat.gltf uses hull.png, which is a zero-byte file
        - {id: boat, kind: model, model: models/boat.gltf, lat: 24.3975, lon: 117.9994}""", """
        # hull.png saved again from the image editor
        - {id: boat, kind: model, model: models/boat.gltf, lat: 24.3975, lon: 117.9994}"""),
    entry("A007", "error", "a damaged .bam or .egg model", """
        A Panda3D model file is not what it claims to be. A .bam file is a chain of length-prefixed
        records that must add up exactly to the file's size: a .bam cut short (even by one byte), padded
        or of another format version is refused, because Panda3D's reader can hang on it. An .egg file
        must be UTF-8 text. A .bam holds no checksum, so a byte changed inside it cannot be detected:
        prefer glTF (.glb), which is checked much more closely.""", """
        # models/boat.bam was cut short while copying
        - {id: boat, kind: model, model: models/boat.bam, lat: 24.3975, lon: 117.9994}""", """
        # models/boat.bam copied again (or the model exported as .glb)
        - {id: boat, kind: model, model: models/boat.glb, lat: 24.3975, lon: 117.9994}"""),
    entry("A008", "error", "a sound file that cannot be played", """
        An event's ambient `sound` exists but is not a sound the engine plays: it must be a PCM WAV, Ogg
        Vorbis or FLAC file, whole (a WAV cut short while copying is refused), with sound in it, and at
        most 50 MB. Ogg Opus and MP3 are not played: convert them to Ogg Vorbis or WAV.""", """
        # sounds/crowd.ogg is really an MP3 renamed
        sound: sounds/crowd.ogg""", """
        # converted: ffmpeg -i crowd.mp3 -c:a libvorbis sounds/crowd.ogg
        sound: sounds/crowd.ogg"""),
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
    entry("G004", "error", "a viewpoint under the ground or inside a landmark or building", """
        A viewpoint's eye (`lat`, `lon`, `height_m`, metres above sea level) must be above the ground and
        the water there, and not inside a landmark: within the circle a landmark stands on (half its
        diagonal, from `size_m`) and below its top. From inside, a visitor sees the inside of a rock or a
        wall. The same holds for the buildings a district generates: the layout keeps them out of each
        viewpoint's line of sight, and `validate` checks that none stands on the eye all the same. The
        message gives the height of the ground or of the landmark's or building's top; raise `height_m`
        above it, or move the viewpoint away. `validate` plans the scene's terrain to check this.""", """
        viewpoints:
          - {id: on_rock, lat: 24.4472, lon: 118.0663, height_m: 40, look_at: summit}   # the rock is 92 m high""", """
        viewpoints:
          - {id: on_rock, lat: 24.4472, lon: 118.0663, height_m: 100, look_at: summit}"""),
    entry("G005", "warning", "a water POI on land, or a land POI in the water", """
        A POI's `kind` says which side of the water's edge it belongs on, and the terrain there says
        the other: a harbour, lake, bay, river or other water kind on land, or a temple, church, museum,
        park, building or other land kind in the water. Usually the position is mistyped (or `lat` and
        `lon` are swapped, or copied from another POI). Kinds that stand on the shore (beach, pier,
        bridge, boardwalk, pavilion, rock, ...) and kinds not in these lists are not checked, and a POI
        within one terrain cell of the coastline is never reported. `run_tour.py probe SCENE LAT LON`
        says what is at a place.""", """
        pois:
          - {id: harbour, kind: harbour, lat: 24.4000, lon: 118.0000, ...}   # on the hill""", """
        pois:
          - {id: harbour, kind: harbour, lat: 24.3960, lon: 117.9965, ...}   # in the bay"""),
    entry("G006", "error", "lat and lon swapped", """
        A position has its latitude and longitude the wrong way round. `lat` is the north-south
        coordinate (-90 to 90; about 24.5 around Xiamen) and `lon` the east-west one (about 118.1 around
        Xiamen); a point in an outline is written `[lat, lon]`. The engine says so when a `lat` is beyond
        90 and its `lon` would make a latitude, when an outline point is `[lon, lat]`, and when a point
        lies outside the scene but would be inside it with the two swapped. The hint gives the point
        written the right way round.""", """
        pois:
          - {id: chapel, lat: 118.0012, lon: 24.4008, ...}""", """
        pois:
          - {id: chapel, lat: 24.4008, lon: 118.0012, ...}"""),
    entry("G007", "error", "a boat on land", """
        A `boat` landmark floats on the water at the scene's water level, so it must be placed in the
        water: at its `lat` and `lon`, or for a row of boats along a `path`, at every boat of the row
        (one per boat length and a gap). The message names the first boat on land and how far it is
        from the row's start. Usually the quay line was drawn on the bank instead of just off it; move
        the path a few metres out into the water. `run_tour.py probe SCENE LAT LON` says what is at a
        place.""", """
        landmarks:
          - {id: moored, kind: boat, path: [[24.4421, 118.0828], [24.4430, 118.0838]]}   # on the quay""", """
        landmarks:
          - {id: moored, kind: boat, path: [[24.4415, 118.0822], [24.4424, 118.0813]]}   # in the basin"""),
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
    entry("C003", "error", "a scene whose id is not its folder's name", """
        A scene lives in scenes/<id>/scene.yaml, and its `id` must be the name of that folder. Scenes are
        found, cached and saved by id, so a scene copied to a new folder with the old id would claim
        another scene's id. Rename the folder or change the id so they match.""", """
        # scenes/xiamen_port/scene.yaml
        id: gulangyu""", """
        # scenes/xiamen_port/scene.yaml
        id: xiamen_port"""),
]
