/**
 * Energy voice-activity detector for one channel, fed one frame energy at a time (pure, no I/O).
 *
 * Why energy and not a model: it is fast enough for hundreds of times real time in plain JS, needs
 * no weights, and on call recordings (one close-talking party per channel) level is what separates
 * speech from line noise. The noise floor adapts so a hissy line and a digitally silent one both work:
 *  - it falls quickly to any quieter frame (the gaps between words reveal the floor),
 *  - it rises only slowly, so a long monologue does not become "noise".
 * A frame is speech when it is `onsetDb` above the floor and above an absolute minimum; a hangover
 * keeps the decision on through the short pauses inside a sentence, and a minimum run rejects clicks.
 */

export interface VadOptions {
  frameSec: number;
  /** dB above the noise floor a frame must reach to count as speech. */
  onsetDb: number;
  /** Frames below this level are never speech, whatever the floor (digital silence, faint bleed). */
  absoluteMinDb: number;
  /** Keep "speaking" this long after the last loud frame (bridges pauses between words). */
  hangoverSec: number;
  /** Loud runs shorter than this do not start speech (clicks, pops). */
  minOnsetSec: number;
  /** How fast the floor may rise, dB per second. */
  floorRiseDbPerSec: number;
}

export const defaultVadOptions: VadOptions = {
  frameSec: 0.02,
  onsetDb: 12,
  absoluteMinDb: -55,
  hangoverSec: 0.4,
  minOnsetSec: 0.04,
  floorRiseDbPerSec: 1,
};

const FLOOR_MIN_DB = -100;
const INITIAL_FLOOR_MAX_DB = -50;

export class EnergyVad {
  private floor = Number.NaN;
  private hang = 0;
  private loudRun = 0;
  private readonly hangFrames: number;
  private readonly onsetFrames: number;
  private readonly risePerFrame: number;
  private speaking = false;

  constructor(private readonly o: VadOptions = defaultVadOptions) {
    this.hangFrames = Math.round(o.hangoverSec / o.frameSec);
    this.onsetFrames = Math.max(1, Math.round(o.minOnsetSec / o.frameSec));
    this.risePerFrame = o.floorRiseDbPerSec * o.frameSec;
  }

  get noiseFloorDb(): number {
    return Number.isNaN(this.floor) ? FLOOR_MIN_DB : this.floor;
  }

  /**
   * Decide one frame from its mean square (samples scaled to -1..1). Returns whether the frame is
   * speech. The first frames of an onset are decided late (after minOnsetSec), so the result can be
   * `onsetFrames - 1` frames short per segment: 20–40 ms, well inside the metrics' tolerance.
   */
  push(meanSquare: number): boolean {
    const db = meanSquare > 0 ? Math.max(FLOOR_MIN_DB, 10 * Math.log10(meanSquare)) : FLOOR_MIN_DB;
    // Start no higher than a typical line-noise level: a recording that opens mid-sentence must not
    // take its first word for the noise floor.
    if (Number.isNaN(this.floor)) this.floor = Math.min(db, INITIAL_FLOOR_MAX_DB);
    else if (db < this.floor) this.floor += (db - this.floor) * 0.3;
    else this.floor = Math.min(db, this.floor + this.risePerFrame);

    const loud = db > this.floor + this.o.onsetDb && db > this.o.absoluteMinDb;
    this.loudRun = loud ? this.loudRun + 1 : 0;
    if (loud && (this.speaking || this.loudRun >= this.onsetFrames)) {
      this.speaking = true;
      this.hang = this.hangFrames;
      return true;
    }
    if (this.speaking && this.hang > 0) {
      this.hang--;
      return true;
    }
    this.speaking = false;
    return false;
  }
}
