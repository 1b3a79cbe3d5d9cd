// Graph functions. Small graphs worked by hand; gcn references from numpy at test-writing
// time: Ah = A + I; d = Ah.sum(1); Ah / sqrt(outer(d, d)); maximum(N @ H @ W, 0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approx, ev, isMatrix, throwsMsg } from './helpers';

const A = '[0, 1, 1, 0; 1, 0, 1, 0; 1, 1, 0, 1; 0, 0, 1, 0]';

test('adjacency from 1-based undirected edges is symmetric', () => {
  const a = ev('adjacency(4, [1, 2; 2, 3; 1, 3; 3, 4])');
  assert.ok(isMatrix(a));
  approx(a, [
    [0, 1, 1, 0],
    [1, 0, 1, 0],
    [1, 1, 0, 1],
    [0, 0, 1, 0],
  ]);
  approx(ev('adjacency(3, [2, 3])'), [[0, 0, 0], [0, 0, 1], [0, 1, 0]]); // a single edge
  approx(ev('adjacency(2, [])'), [[0, 0], [0, 0]]); // no edges
  approx(ev('adjacency(3, [1, 2; 2, 1])'), [[0, 1, 0], [1, 0, 0], [0, 0, 0]]); // duplicate edge stays 1
});

test('adjacency errors', () => {
  throwsMsg('adjacency(3, [1, 2; 2, 5])', 'adjacency: edge 2 is [2, 5] but n is 3 (nodes are 1..3)');
  throwsMsg('adjacency(3, [0, 1])', 'adjacency: edge 1 must be a positive integer, got 0');
  throwsMsg('adjacency(3, [1, 2, 3])', 'adjacency: E must be a k×2 matrix of edges [i, j], got a vector of length 3');
  throwsMsg('adjacency(0, [])', 'adjacency: n must be a positive integer, got 0');
  // A huge n would allocate n^2 entries from a tiny input: refused up front.
  throwsMsg('adjacency(100000, [])', 'adjacency: the adjacency matrix would be 100000×100000 (10000000000 entries), more than the 10,000,000 allowed');
});

test('degree and laplacian', () => {
  approx(ev(`degree(${A})`), [
    [2, 0, 0, 0],
    [0, 2, 0, 0],
    [0, 0, 3, 0],
    [0, 0, 0, 1],
  ]);
  approx(ev(`laplacian(${A})`), [
    [2, -1, -1, 0],
    [-1, 2, -1, 0],
    [-1, -1, 3, -1],
    [0, 0, -1, 1],
  ]);
  approx(ev('degree([0, 2; 2, 0])'), [[2, 0], [0, 2]]); // weighted row sums
});

test('gcn_norm', () => {
  approx(ev(`gcn_norm(${A})`), [
    [0.3333333333333333, 0.3333333333333333, 0.2886751345948129, 0.0],
    [0.3333333333333333, 0.3333333333333333, 0.2886751345948129, 0.0],
    [0.2886751345948129, 0.2886751345948129, 0.25, 0.35355339059327373],
    [0.0, 0.0, 0.35355339059327373, 0.5],
  ]);
  approx(ev('gcn_norm([0, 1; 1, 0])'), [[0.5, 0.5], [0.5, 0.5]]); // (A+I) = ones, d = 2: 1/sqrt(2*2)
});

test('gcn_layer', () => {
  approx(ev(`gcn_layer(${A}, [1, 0; 0, 1; 1, 1; 2, -1], [1, -1; 0.5, 2])`), [
    [0.9330127018922194, 0.6220084679281462],
    [0.9330127018922194, 0.6220084679281462],
    [1.33834278778213, 0.0],
    [1.2803300858899105, 0.0],
  ]);
  // One feature per node as a vector; W = [1, -1] is one row: N*[1;2] = [1.5; 1.5] -> relu([1.5, -1.5])
  approx(ev('gcn_layer([0, 1; 1, 0], [1, 2], [1, -1])'), [[1.5, 0], [1.5, 0]]);
});

test('graph errors', () => {
  throwsMsg('degree([1, 2, 3; 4, 5, 6])', 'degree: A must be a square (n×n) adjacency matrix, got 2×3');
  throwsMsg('laplacian([1, 2])', 'laplacian: A must be a square (n×n) adjacency matrix, got a vector of length 2');
  throwsMsg('gcn_norm([0, 1, 0; 1, 0, 1])', 'gcn_norm: A must be a square (n×n) adjacency matrix, got 2×3');
  throwsMsg('gcn_layer([0, 1; 1, 0], [1, 2, 3], [1])', 'gcn_layer: A is 2×2 but H is a vector of length 3 (need one row of H per node)');
  throwsMsg('gcn_layer([0, 1; 1, 0], [1, 2; 3, 4], [1, 2, 3])', 'gcn_layer: H is 2×2 but W is a vector of length 3 (need W to have as many rows as H has columns)');
  throwsMsg('gcn_layer([0, 1; 1, 0], [1, 2; 3, 4], [1; 2; 3])', 'gcn_layer: H is 2×2 but W is 3×1 (need W to have as many rows as H has columns)');
});
