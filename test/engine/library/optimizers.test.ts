// Optimizer steps, initialization scales and FGSM. Arithmetic by hand in the comments,
// Adam and the sqrt values from numpy / python math at test-writing time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approx, ev, isMatrix, math, throwsMsg } from './helpers';

test('sgd_step', () => {
  approx(ev('sgd_step(0.5, 0.2, 0.1)'), 0.48); // 0.5 - 0.1*0.2
  const r = ev('sgd_step([1, 2], [0.5, -1], 0.1)');
  assert.ok(isMatrix(r));
  approx(r, [0.95, 2.1]); // 1 - 0.05, 2 + 0.1
  throwsMsg('sgd_step([1, 2], [1, 2, 3], 0.1)', 'sgd_step: w is a vector of length 2 but g is a vector of length 3 (need the same shape, or a number)');
  throwsMsg('sgd_step(1, 2)', 'sgd_step: expected 3 arguments (w, g, lr), got 2');
});

test('l2_step (the spec example: w2 = -0.4, g2 = -0.155, lr = lambda = 0.1)', () => {
  approx(ev('l2_step(-0.4, -0.155, 0.1, 0.1)'), -0.3805); // (1 - 0.01)*(-0.4) + 0.0155 = -0.396 + 0.0155
  approx(ev('l2_step([1, -1], [0, 1], 0.5, 0.2)'), [0.9, -1.4]); // 0.9*1 - 0; 0.9*(-1) - 0.5
});

test('l1_step', () => {
  // w - lr*(g + lambda*sign(w)): 1 - 0.1*(1+0.5) = 0.85; -1 - 0.1*(1-0.5) = -1.05; 0 - 0.1*1 = -0.1
  approx(ev('l1_step([1, -1, 0], 1, 0.1, 0.5)'), [0.85, -1.05, -0.1]);
});

test('momentum_step defaults v = 0, lr = 0.01, mu = 0.9, returns {w, v}', () => {
  approx(ev('momentum_step(1, 0.5)'), { w: 0.995, v: -0.005 }); // v' = -0.01*0.5; w' = 1 - 0.005
  // v' = 0.5*0.2 - 0.1*1 = 0; w' = 2 + 0 ; second entry: 0.5*(-0.4) - 0.1*(-2) = 0
  approx(ev('momentum_step([2, 3], [1, -2], [0.2, -0.4], 0.1, 0.5)'), { w: [2, 3], v: [0, 0] });
  // mathjs reads the fields: v' = 0.9*0.1 - 0.1*0.5 = 0.04, w' = 1.04
  const scope = {};
  math.evaluate('s = momentum_step(1, 0.5, 0.1, 0.1)', scope);
  approx(math.evaluate('s.v', scope), 0.04);
  approx(math.evaluate('s.w', scope), 1.04);
});

test('adam_step, first step with defaults', () => {
  // numpy: m = 0.1 g, v = 0.001 g^2, w - 0.001*(m/0.1)/(sqrt(v/0.001)+1e-8)
  approx(ev('adam_step([1, 2], [0.1, -0.2])'), {
    w: [0.9990000001, 2.00099999995],
    m: [0.010000000000000002, -0.020000000000000004],
    v: [1e-5, 4e-5],
  });
});

test('adam_step at step 3 with state and lr', () => {
  approx(ev('adam_step([1, 2], [0.1, -0.2], [0.05, 0.01], [0.002, 0.0004], 3, 0.01)'), {
    w: [0.9975205521228345, 2.0010598343348467],
    m: [0.05500000000000001, -0.011000000000000003],
    v: [0.0020080000000000002, 0.0004396],
  });
  const s = ev('adam_step(1, 0.5, 0, 0, 1, 0.1, 0.5, 0.5, 0)') as { w: number };
  approx(s.w, 0.9); // m' = 0.25, v' = 0.125; mhat = 0.5, vhat = 0.25; 1 - 0.1*0.5/0.5
  throwsMsg('adam_step(1, 0.5, 0, 0, 0)', 'adam_step: t must be the step number 1, 2, 3, ..., got 0');
  throwsMsg('adam_step(1, 0.5, 0, 0, 1, 0.1, 0.9, 0.999, 1e-8, 1)', 'adam_step: expected 2 to 9 arguments (w, g, m=0, v=0, t=1, lr=0.001, b1=0.9, b2=0.999, eps=1e-8), got 10');
});

test('xavier_bound and he_std', () => {
  approx(ev('xavier_bound(100, 200)'), 0.1414213562373095); // sqrt(6/300) = sqrt(0.02)
  approx(ev('xavier_bound(784, 256)'), 0.075955452531275); // python math.sqrt(6/1040)
  approx(ev('he_std(50)'), 0.2); // sqrt(2/50) = sqrt(0.04)
  approx(ev('he_std([50, 512])'), [0.2, 0.0625]); // sqrt(1/256)
  throwsMsg('he_std(0)', 'he_std: fan_in must be positive, got 0');
  throwsMsg('xavier_bound(10, -1)', 'xavier_bound: fan_out must be positive, got -1');
});

test('fgsm', () => {
  approx(ev('fgsm([0.2, 0.5, 0.1], [-3, 0, 2], 0.1)'), [0.1, 0.5, 0.2]); // x + 0.1*sign(g)
  approx(ev('fgsm(0.5, 2, 0.03)'), 0.53);
  throwsMsg('fgsm([1, 2], [1, 2, 3], 0.1)', 'fgsm: x is a vector of length 2 but grad is a vector of length 3 (need the same shape, or a number)');
});
