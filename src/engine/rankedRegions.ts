/**
 * Detect and point choosing among the image's regions (manifest `generation.region_proposals: "pixels"`).
 *
 * The model still decides whether another object follows (`coord` against `eos`). Which thing it is, is chosen
 * among the regions the pixels hold (regionProposals.ts) by the model's own distributions: every region not yet
 * given is scored by the log of the mass the x distribution puts near its centre (within MIDDLE of its width
 * either side); the RANK_X best are fed back as x and scored on y likewise; the RANK_XY best of those on width
 * and height (detect: the mass within SIZE_WINDOW bins of the region's own). The model's greedy box (snapped
 * where the pack snaps) competes as one more region with a handicap of GREEDY_HANDICAP nats, so a thing no
 * region outlines is still found. The winner is fed back, as training fed true boxes, and given out. The same procedure is `Generator.locate_ranked` in
 * training/lunette/generate.py; docs/model-pack.md specifies it.
 */
import type { Box } from '../protocol/tasks';
import { ErrorCode, LunetteError } from '../protocol/errors';
import type { DecoderState, Embeddings, ModelAdapter, StepResult } from './adapter';
import { argmax, binToCoord, binToSize, coordToBin, sizeToBin } from './adapters/lunette';
import { iou, snapBox } from './boxSnapping';
import { throwIfCancelled } from './cancellation';
import { type GreedyRegionOptions, type RegionOutput, regionCollector } from './generate';

/** A region's centre counts within this share of its extent either side (0.25 gave the same boxes, worse points). */
const MIDDLE = 0.15;
/** Regions kept after scoring x, then after x and y. */
const RANK_X = 12;
const RANK_XY = 4;
/** Size bins either side of a region's own. */
const SIZE_WINDOW = 3;
/** Nats: the model's own box wins only where no region comes near its liking (measured on both eval sets). */
const GREEDY_HANDICAP = 8;
/** A region overlapping a box already given this much (IoU) is that thing again. */
const TAKEN_IOU = 0.5;
const MASS_FLOOR = 1e-9;

export interface RankedRegionOptions extends GreedyRegionOptions {
  /** The image's regions (regionProposals.ts), in its order. */
  proposals: readonly Box[];
  /**
   * The proposals are the asked thing's own regions (locatedThings.ts): every one is given and the model only
   * orders them. No greedy box competes, and the model's end is not heeded until none is left.
   */
  everyRegion?: boolean;
}

export async function generateRankedRegions(adapter: ModelAdapter, start: StepResult, options: RankedRegionOptions): Promise<RegionOutput> {
  const region = adapter.region;
  const bins = adapter.manifest.region;
  if (!region || !bins) throw new LunetteError(ErrorCode.InvalidRequest, `The model ${adapter.manifest.name} cannot ${options.kind}.`);
  const detect = options.kind === 'detect';
  const { objects, points, giveBox, givePoint } = regionCollector(options);
  const taken: Box[] = [];
  let current = start;
  let steps = 0;
  const advance = async (state: DecoderState, embeds: Embeddings): Promise<StepResult> => {
    throwIfCancelled(options.signal);
    steps++;
    return adapter.step(state, embeds);
  };
  const feedCoord = async (state: DecoderState, value: number): Promise<StepResult> => advance(state, await region.encodeCoord(value));
  const massScore = (p: Float64Array, centre: number, extent: number): number => {
    const lo = coordToBin(centre - extent * MIDDLE, bins.coord_bins);
    const hi = Math.max(lo, coordToBin(centre + extent * MIDDLE, bins.coord_bins));
    let mass = 0;
    for (let b = lo; b <= hi; b++) mass += p[b]!;
    return Math.log(mass + MASS_FLOOR);
  };
  const sizeScore = (p: Float64Array, extent: number): number => {
    const b = sizeToBin(extent, bins.size_bins, bins.size_log2_min);
    let mass = 0;
    for (let k = Math.max(0, b - SIZE_WINDOW); k <= Math.min(bins.size_bins - 1, b + SIZE_WINDOW); k++) mass += p[k]!;
    return Math.log(mass + MASS_FLOOR);
  };

  /** The box (a point as a box of no size) the model gives alone from x's distribution `px`, snapped where the pack snaps. */
  const greedyRegion = async (px: Float64Array, state: DecoderState): Promise<Box> => {
    const gx = binToCoord(argmax(px), bins.coord_bins);
    const afterGx = await feedCoord(state, gx);
    const gy = binToCoord(argmax(await region.coordProbs(afterGx.hidden)), bins.coord_bins);
    if (!detect) return { x_min: gx, y_min: gy, x_max: gx, y_max: gy };
    const [pw, ph] = await region.sizeProbs((await feedCoord(afterGx.state, gy)).hidden);
    const gw = binToSize(argmax(pw), bins.size_bins, bins.size_log2_min);
    const gh = binToSize(argmax(ph), bins.size_bins, bins.size_log2_min);
    const greedy = { x_min: Math.max(0, gx - gw / 2), y_min: Math.max(0, gy - gh / 2), x_max: Math.min(1, gx + gw / 2), y_max: Math.min(1, gy + gh / 2) };
    return options.snapImage ? snapBox(options.snapImage, greedy) : greedy;
  };

  while (taken.length < options.maxObjects) {
    throwIfCancelled(options.signal);
    if (taken.length === 0) options.onFirstToken?.();
    if (!options.everyRegion && current.logits[options.eos]! >= current.logits[options.coord]!) break;
    const px = await region.coordProbs(current.hidden);

    let regions: Box[];
    if (options.everyRegion) {
      regions = options.proposals.filter((p) => !taken.includes(p));
      if (regions.length === 0) break;
    } else {
      const free = detect
        ? options.proposals.filter((p) => taken.every((t) => iou(p, t) < TAKEN_IOU))
        : options.proposals.filter((p) => !taken.some((t) => holdsCentre(p, t)));
      regions = [...free, await greedyRegion(px, current.state)];
    }
    const greedyIndex = options.everyRegion ? -1 : regions.length - 1;

    const scores = regions.map((r) => massScore(px, (r.x_min + r.x_max) / 2, r.x_max - r.x_min));
    const bestX = byScore(scores, [...regions.keys()]).slice(0, RANK_X);
    if (greedyIndex >= 0 && !bestX.includes(greedyIndex)) bestX.push(greedyIndex); // the greedy box always competes
    const afterX = new Map<number, DecoderState>();
    for (const i of bestX) {
      const r = regions[i]!;
      const next = await feedCoord(current.state, (r.x_min + r.x_max) / 2);
      scores[i]! += massScore(await region.coordProbs(next.hidden), (r.y_min + r.y_max) / 2, r.y_max - r.y_min);
      afterX.set(i, next.state);
    }
    let chosen: { score: number; region: Box; next: StepResult } | undefined;
    for (const i of byScore(scores, bestX).slice(0, RANK_XY)) {
      const r = regions[i]!;
      const next = await feedCoord(afterX.get(i)!, (r.y_min + r.y_max) / 2);
      let score = scores[i]! - (i === greedyIndex ? GREEDY_HANDICAP : 0);
      if (detect) {
        const [pw, ph] = await region.sizeProbs(next.hidden);
        score += sizeScore(pw, r.x_max - r.x_min) + sizeScore(ph, r.y_max - r.y_min);
      }
      if (!chosen || score > chosen.score) chosen = { score, region: r, next };
    }
    const r = chosen!.region;
    current = chosen!.next;
    taken.push(r);
    if (detect) {
      current = await advance(current.state, await region.encodeSize(r.x_max - r.x_min, r.y_max - r.y_min));
      giveBox(r);
    } else {
      givePoint({ x: (r.x_min + r.x_max) / 2, y: (r.y_min + r.y_max) / 2 });
    }
  }
  return { objects, points, steps };
}

/** `indices` by descending score; equal scores keep their order. */
function byScore(scores: readonly number[], indices: readonly number[]): number[] {
  return [...indices].sort((a, b) => scores[b]! - scores[a]!);
}

/** Whether `region` holds the centre of `other` (a point given before is that thing again). */
function holdsCentre(region: Box, other: Box): boolean {
  const x = (other.x_min + other.x_max) / 2;
  const y = (other.y_min + other.y_max) / 2;
  return region.x_min <= x && x <= region.x_max && region.y_min <= y && y <= region.y_max;
}
