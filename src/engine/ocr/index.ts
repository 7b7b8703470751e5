/** OCR in the engine: PP-OCRv4 detection + recognition on ONNX Runtime. See ocrEngine.ts. */
export { OcrEngine, type OcrOptions, type OcrRunResult, type OcrTimings, type RecognizeOptions } from './ocrEngine';
export { type OcrLine, type OcrLines, cleanOcrText, formatOcrLine, formatOcrLines, normalizeOcrText, readingOrder, OCR_BLOCK_MAX_CHARS, OCR_BLOCK_MAX_LINES } from './lines';
export { type OcrModelPaths, OCR_MODEL_FILES, defaultOcrModelDir, ocrModelPathsIn } from './models';
export { charAccuracy, levenshtein } from './accuracy';
export { benchOcr, ocrFixtureImages, type OcrBenchResult } from './bench';
