/**
 * Exact rewrites of the PP-OCRv4 graphs that ONNX Runtime does not make itself, done in memory when the OCR
 * models load (the files on disk stay as shipped). paddle2onnx writes PP-LCNetV3's blocks as
 *
 *   Conv → Mul(scale) → Add(bias)                      a "learnable affine block" after a convolution
 *   Add(x, 3) → Clip(0, 6) → Mul(x, ·) → Div(6)        hard-swish, spelled out in opset 9/11
 *
 * and ORT runs each of those elementwise ops as a separate pass over the feature map: about a third of the
 * detector's and recognizer's time. Here the affine block is folded into the convolution's weights and bias
 * (W·s, b·s + t: the same function), and hard-swish becomes x · HardSigmoid(x) with α = 1/6, β = ½ (the same
 * function: clip(x + 3, 0, 6) / 6 = clip(x/6 + ½, 0, 1)), which ORT then fuses into the convolution before it.
 * The affine block after an activation (`Mul(s) → Add(t)`, scalars) cannot go back into that convolution, but
 * when its readers are unpadded convolutions (PP-LCNetV3's pointwise 1×1 ones) it goes forward into them:
 * conv(s·h + t) = conv'(h) with W' = s·W and b' = b + t·ΣW (exact only without padding, where every tap reads a
 * real value). Outputs agree with the original graph to float rounding; test/engine/ocrGraphFusion.test.ts
 * checks that on real crops.
 */
import { onnx } from 'onnx-proto';

export interface FusionReport {
  /** Conv → Mul → Add chains folded into the convolution. */
  convAffine: number;
  /** Hard-swish chains rewritten as x · HardSigmoid(x). */
  hardSwish: number;
  /** Affine blocks after an activation folded into the unpadded convolutions that read them. */
  affineIntoNext: number;
}

export interface FusedModel extends FusionReport {
  bytes: Uint8Array;
}

const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** The rewritten model; `bytes` is the input itself when nothing matched. */
export function fuseOcrGraph(bytes: Uint8Array): FusedModel {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  if (!graph) return { bytes, convAffine: 0, hardSwish: 0, affineIntoNext: 0 };
  const constants = new Constants(graph);
  const convAffine = foldConvAffine(graph, constants);
  const hardSwish = rewriteHardSwish(graph, constants);
  const affineIntoNext = foldAffineIntoNextConv(graph, constants);
  const report = { convAffine, hardSwish, affineIntoNext };
  if (convAffine + hardSwish + affineIntoNext === 0) return { bytes, ...report };
  pruneUnused(graph);
  return { bytes: onnx.ModelProto.encode(model).finish(), ...report };
}

/** Float values of initializers and Constant nodes (paddle2onnx writes the detector's weights as the latter), by name. */
class Constants {
  private readonly initializers = new Map<string, onnx.ITensorProto>();
  private readonly nodes = new Map<string, onnx.ITensorProto>();

  constructor(private readonly graph: onnx.IGraphProto) {
    for (const t of graph.initializer ?? []) if (t.name) this.initializers.set(t.name, t);
    for (const n of graph.node ?? []) {
      const value = n.opType === 'Constant' ? n.attribute?.find((a) => a.name === 'value')?.t : undefined;
      if (value && n.output?.[0]) this.nodes.set(n.output[0], value);
    }
  }

  floats(name: string): Float32Array | undefined {
    const t = this.initializers.get(name) ?? this.nodes.get(name);
    return t ? tensorFloats(t) : undefined;
  }

  /** The value of a one-element float constant. */
  scalar(name: string): number | undefined {
    const v = this.floats(name);
    return v && v.length === 1 ? v[0] : undefined;
  }

  /** Adds a float initializer (little-endian raw data, as ONNX stores it). */
  set(name: string, dims: readonly number[], values: Float32Array): void {
    const raw = new Uint8Array(values.length * 4);
    const view = new DataView(raw.buffer);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
    const t = onnx.TensorProto.create({ name, dims: [...dims], dataType: FLOAT, rawData: raw });
    (this.graph.initializer ??= []).push(t);
    this.initializers.set(name, t);
  }

  dims(name: string): number[] | undefined {
    return (this.initializers.get(name) ?? this.nodes.get(name))?.dims?.map(Number);
  }
}

function tensorFloats(t: onnx.ITensorProto): Float32Array | undefined {
  if (t.dataType !== FLOAT) return undefined;
  if (t.rawData && t.rawData.length) {
    const raw = t.rawData;
    const out = new Float32Array(raw.length / 4);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
    return out;
  }
  return Float32Array.from(t.floatData ?? []);
}

/** Each tensor name's consuming nodes (graph outputs count as a consumer that cannot be rewritten). */
function consumers(graph: onnx.IGraphProto): Map<string, (onnx.INodeProto | 'output')[]> {
  const map = new Map<string, (onnx.INodeProto | 'output')[]>();
  const add = (name: string, by: onnx.INodeProto | 'output'): void => {
    const list = map.get(name);
    if (list) list.push(by);
    else map.set(name, [by]);
  };
  for (const n of graph.node ?? []) for (const i of n.input ?? []) add(i, n);
  for (const o of graph.output ?? []) if (o.name) add(o.name, 'output');
  return map;
}

/** The single node reading `name`, when it has exactly one reader and that reader is an `opType` node. */
function onlyConsumer(users: Map<string, (onnx.INodeProto | 'output')[]>, name: string, opType: string): onnx.INodeProto | undefined {
  const list = users.get(name) ?? [];
  const only = list.length === 1 ? list[0] : undefined;
  return only && only !== 'output' && only.opType === opType ? only : undefined;
}

/** For a binary Mul/Add/Div with one scalar-constant input: the other input and the scalar. */
function scalarOperand(node: onnx.INodeProto, constants: Constants): { other: string; value: number } | undefined {
  const [a, b] = node.input ?? [];
  if (a === undefined || b === undefined) return undefined;
  const vb = constants.scalar(b);
  if (vb !== undefined) return { other: a, value: vb };
  // Div is not commutative: only x / c qualifies.
  const va = node.opType === 'Div' ? undefined : constants.scalar(a);
  return va !== undefined ? { other: b, value: va } : undefined;
}

function removeNodes(graph: onnx.IGraphProto, dead: Set<onnx.INodeProto>): void {
  graph.node = (graph.node ?? []).filter((n) => !dead.has(n));
}

function foldConvAffine(graph: onnx.IGraphProto, constants: Constants): number {
  const users = consumers(graph);
  const dead = new Set<onnx.INodeProto>();
  let count = 0;
  for (const conv of graph.node ?? []) {
    if (conv.opType !== 'Conv' || !conv.input || !conv.output?.[0]) continue;
    const mul = onlyConsumer(users, conv.output[0], 'Mul');
    const scale = mul && scalarOperand(mul, constants);
    if (!mul?.output?.[0] || !scale || scale.other !== conv.output[0]) continue;
    const add = onlyConsumer(users, mul.output[0], 'Add');
    const shift = add && scalarOperand(add, constants);
    const last = add?.output?.[0] && shift?.other === mul.output[0] ? add : mul;
    const [, weightName, biasName] = conv.input;
    const weights = weightName !== undefined ? constants.floats(weightName) : undefined;
    const dims = weightName !== undefined ? constants.dims(weightName) : undefined;
    if (!weightName || !weights || !dims?.length) continue;
    const channels = dims[0]!;
    const bias = biasName ? constants.floats(biasName) : new Float32Array(channels);
    if (!bias || bias.length !== channels) continue;
    const t = last === add ? shift!.value : 0;
    const fusedWeights = weights.map((w) => w * scale.value);
    const fusedBias = bias.map((b) => b * scale.value + t);
    const fusedWeightName = `${weightName}/lunette_affine_${count}`;
    const fusedBiasName = `${conv.output[0]}/lunette_bias`;
    constants.set(fusedWeightName, dims, fusedWeights);
    constants.set(fusedBiasName, [channels], fusedBias);
    conv.input = [conv.input[0]!, fusedWeightName, fusedBiasName];
    conv.output = [last.output![0]!];
    dead.add(mul);
    if (last === add) dead.add(add);
    count++;
  }
  removeNodes(graph, dead);
  return count;
}

function rewriteHardSwish(graph: onnx.IGraphProto, constants: Constants): number {
  const users = consumers(graph);
  const producers = new Map<string, onnx.INodeProto>();
  for (const n of graph.node ?? []) for (const o of n.output ?? []) producers.set(o, n);
  const replaced = new Map<onnx.INodeProto, onnx.INodeProto[]>();
  const dead = new Set<onnx.INodeProto>();
  let count = 0;
  for (const clip of graph.node ?? []) {
    if (clip.opType !== 'Clip' || !clip.input?.[0] || !clip.output?.[0]) continue;
    if (!clipsToZeroSix(clip, constants)) continue;
    const add = producers.get(clip.input[0]);
    const plus = add?.opType === 'Add' ? scalarOperand(add, constants) : undefined;
    if (!add?.output?.[0] || plus?.value !== 3 || (users.get(add.output[0]) ?? []).length !== 1) continue;
    const x = plus.other;
    const mul = onlyConsumer(users, clip.output[0], 'Mul');
    if (!mul?.output?.[0] || !sameInputs(mul.input ?? [], [x, clip.output[0]])) continue;
    const div = onlyConsumer(users, mul.output[0], 'Div');
    const by = div && scalarOperand(div, constants);
    if (!div?.output?.[0] || by?.value !== 6 || by.other !== mul.output[0]) continue;
    const gate = `${clip.output[0]}/lunette_hardsigmoid`;
    const hardSigmoid = onnx.NodeProto.create({
      opType: 'HardSigmoid',
      name: gate,
      input: [x],
      output: [gate],
      attribute: [
        onnx.AttributeProto.create({ name: 'alpha', type: onnx.AttributeProto.AttributeType.FLOAT, f: 1 / 6 }),
        onnx.AttributeProto.create({ name: 'beta', type: onnx.AttributeProto.AttributeType.FLOAT, f: 0.5 }),
      ],
    });
    const product = onnx.NodeProto.create({ opType: 'Mul', name: `${div.output[0]}/lunette_hardswish`, input: [x, gate], output: [div.output[0]] });
    // The new pair takes the Add's place in the node list (x is computed before it; readers of the Div after it).
    replaced.set(add, [hardSigmoid, product]);
    for (const n of [clip, mul, div]) dead.add(n);
    count++;
  }
  graph.node = (graph.node ?? []).flatMap((n) => replaced.get(n) ?? (dead.has(n) ? [] : [n]));
  return count;
}

/** `Mul(h, s) → Add(·, t)` read only by unpadded convolutions: folded into each of them (see the header). */
function foldAffineIntoNextConv(graph: onnx.IGraphProto, constants: Constants): number {
  const users = consumers(graph);
  const dead = new Set<onnx.INodeProto>();
  let count = 0;
  for (const mul of graph.node ?? []) {
    if (mul.opType !== 'Mul' || !mul.output?.[0]) continue;
    const scale = scalarOperand(mul, constants);
    const add = onlyConsumer(users, mul.output[0], 'Add');
    const shift = add && scalarOperand(add, constants);
    if (!scale || !add?.output?.[0] || shift?.other !== mul.output[0]) continue;
    const readers = users.get(add.output[0]) ?? [];
    const convs = readers.filter((r): r is onnx.INodeProto => r !== 'output' && r.opType === 'Conv' && r.input?.[0] === add.output![0] && unpadded(r));
    if (readers.length === 0 || convs.length !== readers.length) continue;
    const folded = convs.map((conv) => foldedWeights(conv, constants, scale.value, shift.value));
    if (folded.some((f) => f === undefined)) continue;
    convs.forEach((conv, i) => {
      const { dims, weights, bias } = folded[i]!;
      const weightName = `${conv.output![0]}/lunette_input_affine_w`;
      const biasName = `${conv.output![0]}/lunette_input_affine_b`;
      constants.set(weightName, dims, weights);
      constants.set(biasName, [dims[0]!], bias);
      conv.input = [scale.other, weightName, biasName];
    });
    dead.add(mul).add(add);
    count++;
  }
  removeNodes(graph, dead);
  return count;
}

/** No padding at all: every tap of the kernel reads a real input value. */
function unpadded(conv: onnx.INodeProto): boolean {
  const pads = conv.attribute?.find((a) => a.name === 'pads')?.ints ?? [];
  const autoPad = conv.attribute?.find((a) => a.name === 'auto_pad')?.s;
  const mode = autoPad ? new TextDecoder().decode(autoPad) : 'NOTSET';
  return pads.every((p) => Number(p) === 0) && (mode === 'NOTSET' || mode === 'VALID');
}

/** conv(s·h + t) as conv'(h): W' = s·W, b'[o] = b[o] + t·Σ W[o, ·, ·, ·]. */
function foldedWeights(conv: onnx.INodeProto, constants: Constants, s: number, t: number): { dims: number[]; weights: Float32Array; bias: Float32Array } | undefined {
  const [, weightName, biasName] = conv.input ?? [];
  const weights = weightName ? constants.floats(weightName) : undefined;
  const dims = weightName ? constants.dims(weightName) : undefined;
  if (!weights || !dims?.length) return undefined;
  const out = dims[0]!;
  const perOutput = weights.length / out;
  const bias = biasName ? constants.floats(biasName) : new Float32Array(out);
  if (!bias || bias.length !== out || !Number.isInteger(perOutput)) return undefined;
  const folded = new Float32Array(out);
  for (let o = 0; o < out; o++) {
    let sum = 0;
    for (let k = o * perOutput; k < (o + 1) * perOutput; k++) sum += weights[k]!;
    folded[o] = bias[o]! + t * sum;
  }
  return { dims, weights: weights.map((w) => w * s), bias: folded };
}

/** Drops the weights and constants that only the rewritten nodes read. */
function pruneUnused(graph: onnx.IGraphProto): void {
  const read = new Set<string>((graph.output ?? []).map((o) => o.name ?? ''));
  for (const n of graph.node ?? []) for (const i of n.input ?? []) read.add(i);
  graph.node = (graph.node ?? []).filter((n) => n.opType !== 'Constant' || (n.output ?? []).some((o) => read.has(o)));
  graph.initializer = (graph.initializer ?? []).filter((t) => read.has(t.name ?? ''));
}

function sameInputs(inputs: readonly string[], expected: readonly string[]): boolean {
  return inputs.length === expected.length && [...inputs].sort().join('\u0000') === [...expected].sort().join('\u0000');
}

/** Clip to [0, 6], as an opset < 11 attribute pair or as opset ≥ 11 constant inputs. */
function clipsToZeroSix(clip: onnx.INodeProto, constants: Constants): boolean {
  const attr = (name: string): number | undefined => {
    const a = clip.attribute?.find((x) => x.name === name);
    return a ? Number(a.f) : undefined;
  };
  const [, minName, maxName] = clip.input ?? [];
  const min = minName ? constants.scalar(minName) : attr('min');
  const max = maxName ? constants.scalar(maxName) : attr('max');
  return min === 0 && max === 6;
}
