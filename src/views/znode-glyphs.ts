/**
 * Each znode kind's shape, so kinds part without colour: a persistent znode a disc, an
 * ephemeral one a diamond (it goes with its session), a container a square (it goes with its
 * last child), a TTL znode a clock face (it goes when its time is up). SVG paths centred on
 * 0,0 in a 24-unit box; the tree (znode-tree-view.ts) and its key (ZnodeKey.astro) both draw them.
 */
import type { ZnodeSnapshot } from '../../playground/zkcli/snapshot.ts';

export const ZNODE_GLYPH: Readonly<Record<ZnodeSnapshot['kind'], string>> = {
  PERSISTENT: 'M-8,0a8,8 0 1,0 16,0a8,8 0 1,0 -16,0Z',
  EPHEMERAL: 'M0,-10L10,0L0,10L-10,0Z',
  CONTAINER: 'M-7.5,-7.5h15v15h-15Z',
  TTL: 'M-8.5,0a8.5,8.5 0 1,0 17,0a8.5,8.5 0 1,0 -17,0Z',
};

/** A TTL znode's clock hands, over its face. */
export const CLOCK_HANDS = 'M0,-5.5V0H4.5';
