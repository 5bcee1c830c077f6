"""The bench's markdown table (beside its JSON): one row per scene, the figures the performance
issue asks for, and the machine they came from."""
from __future__ import annotations


def _path(p: dict | None) -> str:
    if not p or "frame_ms_p50" not in p:
        return "– | – | – | –"
    return f"{p['frame_ms_p50']} | {p['frame_ms_p95']} | {p['frame_ms_p99']} | {p['worst_over_p50']}x"


def _baseline(path: dict, name: str) -> str:
    b = path.get("baselines", {}).get(name)
    if not b:
        return "– | – | –"
    return f"{b['frame_ms_p50']} | {b['draw_calls_median']} | {b['over_ludao_p50']}x"


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [f"Machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores; GL: {m['renderer']}; {m['platform']}.",
             f"Peak RSS of the bench process: {results.get('peak_rss_mb', '?')} MB.", "",
             "| scene | cold build s | warm load s | render command s | triangles | draws (all) | draws after culling "
             "(median/max) | texture MB | path | mono p50 | p95 | p99 | worst/p50 | stereo p50 | p95 | p99 | worst/p50 |"
             " naive baseline p50 | its draws | naive / Ludao | batched export p50 | its draws | batched / Ludao |",
             "|" + "---|" * 23]
    commands = results.get("commands", {})
    for scene, r in results["scenes"].items():
        path = r.get("path", {})
        command = commands.get(f"render {scene}", {}).get("warm_s_median", "–")
        culled = f"{path.get('draw_calls_median', '–')}/{path.get('draw_calls_max', '–')}"
        lines.append(f"| {scene} | {r['cold_build_to_first_frame_s']} | {r['warm_load_to_first_frame_s']} | {command} | "
                     f"{r['triangles']:,} | {r['draw_calls']} | {culled} | {r.get('texture_bytes', 0) / 2**20:.1f} | "
                     f"{path.get('tour') or '–'} ({path.get('size', '')}) | {_path(path)} | {_path(r.get('stereo_path'))} | "
                     f"{_baseline(path, 'naive')} | {_baseline(path, 'batched')} |")
    lines += ["", "Naive baseline: `export --per-object` (one node per building, tree and landmark) loaded with plain "
              "panda3d-gltf into a bare ShowBase, same poses, size, lens and lights; batched export: the same bare "
              "loader on the engine's tile batches. A ratio over 1 means Ludao is faster."]
    if results.get("window_tours"):
        lines += ["", "| tour in a window (real clock) | size | seconds | fps | p50 ms | p95 | p99 | worst/p50 | "
                  "largest spike over its neighbours |", "|---|---|---|---|---|---|---|---|---|"]
        for scene, w in results["window_tours"].items():
            lines.append(f"| {w['tour']} ({scene}) | {w['size']} | {w['seconds']:.0f} | {w.get('fps_mean', '–')} | "
                         f"{w.get('frame_ms_p50', '–')} | {w.get('frame_ms_p95', '–')} | {w.get('frame_ms_p99', '–')} | "
                         f"{w.get('worst_over_p50', '–')}x | {w.get('spike_max', '–')}x |")
    if results.get("tours"):
        lines += ["", "| tour (headless) | simulated s | wall s | events |", "|---|---|---|---|"]
        for tour, t in results["tours"].items():
            lines.append(f"| {tour} | {t['simulated_s']} | {t['run_wall_s_median']} | {t['events']} |")
    return "\n".join(lines) + "\n"
