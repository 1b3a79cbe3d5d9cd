// Keys the parse hooks leave on markdown-it tokens' meta.

/** A math token's content offset in its inline token's content. */
export const MATH_OFFSET = 'dlcalcOffset';
/** True on the formulas of `$a$$b$`, which the preview itself does not render. */
export const MATH_ADJACENT = 'adjacent';
