/** Adapter for our own export (family `lunette`): four graphs as docs/model-pack.md describes. */
import * as ort from 'onnxruntime-node';
import { ErrorCode, LunetteError } from '../../protocol/errors';
import type { AdapterOptions, DecoderState, Embeddings, ModelAdapter, RegionHeads, StepResult } from '../adapter';
import type { Manifest } from '../manifest';
import type { ModelPack } from '../modelPack';
import { checkSignature, floats, openSession, output, run } from '../onnx';
import { softmax } from '../scoring';
import type { TextTokenizer } from '../tokenizer';

export async function createLunetteAdapter(pack: ModelPack, tokenizer: TextTokenizer, options: AdapterOptions): Promise<ModelAdapter> {
  const m = pack.manifest;
  const layers = m.text.n_layers;
  const pastNames = Array.from({ length: layers }, (_, i) => [`past_key_values.${i}.key`, `past_key_values.${i}.value`]).flat();
  const presentNames = Array.from({ length: layers }, (_, i) => [`present.${i}.key`, `present.${i}.value`]).flat();
  // The copy head's cache (keys and token ids of the positions so far, and with the induction term the last
  // position's share of the next key) travels with the KV cache.
  const copy = m.text.copy_dim !== undefined;
  if (copy) {
    pastNames.push(...COPY_PAST);
    presentNames.push(...COPY_PRESENT);
    if (m.text.copy_prev === true) {
      pastNames.push(COPY_PREV_PAST);
      presentNames.push(COPY_PREV_PRESENT);
    }
  }

  const open = async (name: string, inputs: string[], outputs: string[]): Promise<ort.InferenceSession> => {
    const file = pack.file(name);
    const session = await openSession(file, { threads: options.threads });
    checkSignature(session, file, inputs, outputs);
    return session;
  };
  const [vision, embed, decoder, region] = await Promise.all([
    open('vision.onnx', ['pixels'], ['image_embeds']),
    open('embed.onnx', ['input_ids'], ['inputs_embeds']),
    open('decoder.onnx', ['inputs_embeds', 'position_ids', ...pastNames, ...(copy ? ['copy_ids'] : [])], ['logits', 'hidden', ...presentNames]),
    m.region ? open('region.onnx', ['hidden', 'coord', 'size'], ['coord_logits', 'size_logits', 'coord_embeds', 'size_embeds']) : Promise.resolve(undefined),
  ]);
  if (tokenizer.vocabSize > m.text.vocab_size) {
    throw new LunetteError(ErrorCode.ModelInvalid, `Model pack ${pack.dir}: tokenizer.json has ${tokenizer.vocabSize} tokens but the model only ${m.text.vocab_size}.`);
  }
  return new LunetteAdapter(pack, tokenizer, vision, embed, decoder, region, pastNames, presentNames);
}

const COPY_PAST = ['past_copy.keys', 'past_copy.ids'];
const COPY_PRESENT = ['present_copy.keys', 'present_copy.ids'];
const COPY_PREV_PAST = 'past_copy.prev';
const COPY_PREV_PRESENT = 'present_copy.prev';

class LunetteAdapter implements ModelAdapter {
  readonly manifest: Manifest;
  readonly region?: RegionHeads;
  private readonly dim: number;

  constructor(
    readonly pack: ModelPack,
    readonly tokenizer: TextTokenizer,
    private readonly vision: ort.InferenceSession,
    private readonly embed: ort.InferenceSession,
    private readonly decoder: ort.InferenceSession,
    regionSession: ort.InferenceSession | undefined,
    private readonly pastNames: string[],
    private readonly presentNames: string[],
  ) {
    this.manifest = pack.manifest;
    this.dim = pack.manifest.text.dim;
    if (regionSession && pack.manifest.region) this.region = new LunetteRegionHeads(regionSession, this.dim, pack.manifest.region);
  }

  initialState(): DecoderState {
    const { n_heads, head_dim, copy_dim } = this.manifest.text;
    const empty = new ort.Tensor('float32', new Float32Array(0), [1, n_heads, 0, head_dim]);
    const kv = this.pastNames.map((name) => {
      if (name === COPY_PAST[0]) return new ort.Tensor('float32', new Float32Array(0), [1, 0, copy_dim ?? 0]);
      if (name === COPY_PAST[1]) return new ort.Tensor('int64', new BigInt64Array(0), [1, 0]);
      // nothing precedes BOS: a zero term
      if (name === COPY_PREV_PAST) return new ort.Tensor('float32', new Float32Array(copy_dim ?? 0), [1, 1, copy_dim ?? 0]);
      return empty;
    });
    return { kv, position: 0, bytes: 0 };
  }

  async encodeImage(pixels: Float32Array): Promise<Embeddings> {
    const size = this.manifest.image.size;
    const feeds = { pixels: new ort.Tensor('float32', pixels, [1, 3, size, size]) };
    return output(await run(this.vision, feeds, 'The vision encoder'), 'image_embeds');
  }

  async embedTokens(ids: readonly number[]): Promise<Embeddings> {
    const data = BigInt64Array.from(ids, (id) => BigInt(id));
    const feeds = { input_ids: new ort.Tensor('int64', data, [1, ids.length]) };
    return output(await run(this.embed, feeds, 'The token embedding'), 'inputs_embeds');
  }

  concat(parts: readonly Embeddings[]): Embeddings {
    const total = parts.reduce((n, p) => n + (p.dims[1] ?? 0), 0);
    const data = new Float32Array(total * this.dim);
    let offset = 0;
    for (const p of parts) {
      const values = floats(p);
      data.set(values, offset);
      offset += values.length;
    }
    return new ort.Tensor('float32', data, [1, total, this.dim]);
  }

  async step(state: DecoderState, embeds: Embeddings, sourceIds?: readonly number[]): Promise<StepResult> {
    const length = embeds.dims[1] ?? 0;
    if (state.position + length > this.manifest.text.max_context) {
      throw new LunetteError(ErrorCode.InvalidRequest, `The prompt is too long for this model (${state.position + length} tokens; at most ${this.manifest.text.max_context}).`);
    }
    const positions = new BigInt64Array(length);
    for (let i = 0; i < length; i++) positions[i] = BigInt(state.position + i);
    const feeds: Record<string, ort.Tensor> = {
      inputs_embeds: embeds,
      position_ids: new ort.Tensor('int64', positions, [1, length]),
    };
    this.pastNames.forEach((name, i) => (feeds[name] = state.kv[i]!));
    if (this.manifest.text.copy_dim !== undefined) {
      if (sourceIds && sourceIds.length !== length) throw new LunetteError(ErrorCode.Internal, `${sourceIds.length} copy source ids for ${length} positions.`);
      feeds['copy_ids'] = new ort.Tensor('int64', BigInt64Array.from({ length }, (_, i) => BigInt(sourceIds?.[i] ?? -1)), [1, length]);
    }
    const results = await run(this.decoder, feeds, 'The text decoder');
    const kv = this.presentNames.map((name) => output(results, name));
    const bytes = kv.reduce((n, t) => n + (t.data as Float32Array | BigInt64Array).byteLength, 0);
    return {
      logits: floats(output(results, 'logits')),
      hidden: floats(output(results, 'hidden')),
      state: { kv, position: state.position + length, bytes },
    };
  }

  async dispose(): Promise<void> {
    const sessions = [this.vision, this.embed, this.decoder, (this.region as LunetteRegionHeads | undefined)?.session];
    await Promise.all(sessions.map((s) => s?.release()));
  }
}

class LunetteRegionHeads implements RegionHeads {
  private readonly zeroHidden: ort.Tensor;
  private readonly zeroCoord = new ort.Tensor('float32', new Float32Array(1), [1, 1]);
  private readonly zeroSize = new ort.Tensor('float32', new Float32Array(2), [1, 2]);

  constructor(
    readonly session: ort.InferenceSession,
    dim: number,
    private readonly config: NonNullable<Manifest['region']>,
  ) {
    this.zeroHidden = new ort.Tensor('float32', new Float32Array(dim), [1, dim]);
  }

  private async run(hidden: ort.Tensor, coord: ort.Tensor, size: ort.Tensor): Promise<ort.InferenceSession.OnnxValueMapType> {
    return run(this.session, { hidden, coord, size }, 'The region heads');
  }

  async decodeCoord(hidden: Float32Array): Promise<number> {
    const out = await this.run(new ort.Tensor('float32', hidden, [1, hidden.length]), this.zeroCoord, this.zeroSize);
    return binToCoord(argmax(floats(output(out, 'coord_logits'))), this.config.coord_bins);
  }

  async decodeSize(hidden: Float32Array): Promise<[number, number]> {
    const out = await this.run(new ort.Tensor('float32', hidden, [1, hidden.length]), this.zeroCoord, this.zeroSize);
    const logits = floats(output(out, 'size_logits'));
    const bins = this.config.size_bins;
    const w = argmax(logits.subarray(0, bins));
    const h = argmax(logits.subarray(bins, 2 * bins));
    return [binToSize(w, bins, this.config.size_log2_min), binToSize(h, bins, this.config.size_log2_min)];
  }

  async coordProbs(hidden: Float32Array): Promise<Float64Array> {
    const out = await this.run(new ort.Tensor('float32', hidden, [1, hidden.length]), this.zeroCoord, this.zeroSize);
    return softmax(floats(output(out, 'coord_logits')));
  }

  async sizeProbs(hidden: Float32Array): Promise<[Float64Array, Float64Array]> {
    const out = await this.run(new ort.Tensor('float32', hidden, [1, hidden.length]), this.zeroCoord, this.zeroSize);
    const logits = floats(output(out, 'size_logits'));
    const bins = this.config.size_bins;
    return [softmax(logits.subarray(0, bins)), softmax(logits.subarray(bins, 2 * bins))];
  }

  async encodeCoord(value: number): Promise<Embeddings> {
    const out = await this.run(this.zeroHidden, new ort.Tensor('float32', Float32Array.of(value), [1, 1]), this.zeroSize);
    return output(out, 'coord_embeds');
  }

  async encodeSize(width: number, height: number): Promise<Embeddings> {
    const out = await this.run(this.zeroHidden, this.zeroCoord, new ort.Tensor('float32', Float32Array.of(width, height), [1, 2]));
    return output(out, 'size_embeds');
  }
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

export function coordToBin(value: number, bins: number): number {
  return Math.min(Math.max(Math.floor(value * bins), 0), bins - 1);
}

/** Inverse of binToSize (the bin whose log2 span holds the size); sizes outside [2^log2Min, 1] are clipped. */
export function sizeToBin(size: number, bins: number, log2Min: number): number {
  const s = Math.min(Math.max(size, 2 ** log2Min), 1);
  return Math.min(Math.max(Math.floor(bins * (1 - Math.log2(s) / log2Min)), 0), bins - 1);
}

export function binToCoord(bin: number, bins: number): number {
  return (bin + 0.5) / bins;
}

export function binToSize(bin: number, bins: number, log2Min: number): number {
  return 2 ** (log2Min * (1 - (bin + 0.5) / bins));
}
