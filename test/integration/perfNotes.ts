// The perf suite's long note, also opened by the suite that counts evaluations per open.

/** A course-note-like text of about `bytes`: prose, prose math, blocks and inline spans. */
export function bigNote(bytes: number): string {
  const parts: string[] = ['# A long note\n'];
  for (let i = 0; parts.join('').length < bytes; i++) {
    parts.push(
      `\n## Section ${i}\n\nThe logistic unit maps $z_${i}$ to $\\sigma(z_${i}) = 1/(1+e^{-z_${i}})$; with a learning rate of $\\eta$ the step is small. ` +
        `Some more prose to make the note realistic, with a list:\n\n- item one\n- item two with \`code\`\n\n` +
        '```dl-calc\n' +
        `z_${i} = 0.${(i % 9) + 1}\n` +
        `a_${i} = sigmoid(z_${i})\n` +
        `W_${i} = [0.1, 0.2; 0.3, 0.4] * z_${i}\n` +
        `h_${i} = relu(W_${i} * [1; 2])\n` +
        `n_${i} = conv_params(3, 64, 3) + ${i}\n` +
        `a_${i} ≈ ${(1 / (1 + Math.exp(-(((i % 9) + 1) / 10)))).toFixed(3)}\n` +
        '```\n\n' +
        `So the activation is \`= a_${i}\`.\n`,
    );
  }
  return parts.join('');
}
