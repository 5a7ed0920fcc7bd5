/** A 60 Hz display: frame boundaries at multiples of 1000/60 ms of `performance.now()`. */
export const FRAME_MS = 1000 / 60;
