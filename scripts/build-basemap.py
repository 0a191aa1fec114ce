#!/usr/bin/env python3
"""Build the offline base map of `warta serve` (crates/warta-serve/ui/land.json).

Reads Natural Earth's 1:110m land polygons as TopoJSON, as the world-atlas npm package
ships them (ISC licence; the data is Natural Earth's, public domain), and writes one SVG path
in plate carrée coordinates (x = longitude, y = -latitude, in degrees, 0.05° precision),
which the interface draws under the event locations: 62 KB (the 1:50m set would be
0.7 MB, too much for a page that loads it on every visit). Stdlib only:

    npm install --prefix /tmp/wa world-atlas@2.0.2
    python3 scripts/build-basemap.py /tmp/wa/node_modules/world-atlas/land-110m.json \
        > crates/warta-serve/ui/land.json
"""

import json
import sys

PRECISION = 20  # steps per degree: 0.05°


def arcs_of(topology):
    """The arcs in degrees: TopoJSON stores them quantised and delta-encoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indices):
    """A polygon ring from arc indices (`~i` is arc i reversed); shared ends once."""
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def path(rings):
    parts = []
    for points in rings:
        last = None
        moves = []
        for lon, lat in points:
            point = (round(lon * PRECISION), round(-lat * PRECISION))
            if point != last:
                moves.append(point)
                last = point
        if len(moves) < 3:
            continue
        text = "M" + "L".join(f"{x / PRECISION:g} {y / PRECISION:g}" for x, y in moves) + "Z"
        parts.append(text)
    return "".join(parts)


def main():
    topology = json.load(open(sys.argv[1], encoding="utf-8"))
    arcs = arcs_of(topology)
    rings = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            rings.extend(ring(arcs, indices) for indices in polygon)
    json.dump(
        {
            "source": "Natural Earth land polygons (public domain), 1:110m, via world-atlas 2.0.2 (ISC); built by scripts/build-basemap.py",
            "viewBox": "-180 -90 360 180",
            "d": path(rings),
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
