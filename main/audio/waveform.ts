/**
 * Min/max peaks per bucket, per channel, computed in the same single pass as the metrics. The bucket
 * size is fixed up front from the probed duration so the whole call fits ~targetBuckets columns; if
 * the decode runs longer than probed the arrays just grow a little. Pure, no I/O.
 */
export class WaveformPeaks {
  private readonly mins: number[][];
  private readonly maxs: number[][];
  private readonly curMin: Float64Array;
  private readonly curMax: Float64Array;
  private inBucket = 0;

  constructor(
    private readonly channels: number,
    readonly bucketFrames: number,
  ) {
    this.mins = Array.from({ length: channels }, () => []);
    this.maxs = Array.from({ length: channels }, () => []);
    this.curMin = new Float64Array(channels).fill(Infinity);
    this.curMax = new Float64Array(channels).fill(-Infinity);
  }

  static forDuration(channels: number, sampleRate: number, durationSec: number, targetBuckets: number): WaveformPeaks {
    const frames = Math.max(1, Math.round(durationSec * sampleRate));
    return new WaveformPeaks(channels, Math.max(1, Math.ceil(frames / Math.max(1, targetBuckets))));
  }

  /** One frame's samples (scaled to -1..1) are folded in through `addSample`, then `endFrame`. */
  addSample(channel: number, x: number): void {
    if (x < this.curMin[channel]!) this.curMin[channel] = x;
    if (x > this.curMax[channel]!) this.curMax[channel] = x;
  }

  endFrame(): void {
    if (++this.inBucket >= this.bucketFrames) this.flush();
  }

  private flush(): void {
    for (let c = 0; c < this.channels; c++) {
      this.mins[c]!.push(round4(this.curMin[c]!));
      this.maxs[c]!.push(round4(this.curMax[c]!));
    }
    this.curMin.fill(Infinity);
    this.curMax.fill(-Infinity);
    this.inBucket = 0;
  }

  finish(sampleRate: number): { bucketSec: number; channels: { min: number[]; max: number[] }[] } {
    if (this.inBucket > 0) this.flush();
    return {
      bucketSec: this.bucketFrames / sampleRate,
      channels: this.mins.map((min, c) => ({ min, max: this.maxs[c]! })),
    };
  }
}

// Four decimals (−80 dB resolution) keep the stored JSON small without visible loss.
const round4 = (x: number): number => Math.max(-1, Math.min(1, Math.round(x * 1e4) / 1e4));
