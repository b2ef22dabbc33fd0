/**
 * Network partitions: which nodes can reach which.
 *
 * A partition is a list of groups; two nodes can talk only if they are in the same group.
 * Nodes named in no group form one more group together ("everyone else"), so
 * `[['s1']]` isolates s1 from all other nodes, and `[['s1','s2'],['s3','c1']]` cuts those
 * four in two while any other nodes stay with each other.
 *
 * Imports only the kernel contract's types; it is pure data plus one question.
 */

import type { NodeId } from './types.ts';

export class Partition {
  readonly groups: NodeId[][];
  private readonly groupOf = new Map<NodeId, number>();

  constructor(groups: readonly (readonly NodeId[])[]) {
    this.groups = groups.map((g) => [...g]);
    this.groups.forEach((group, index) => {
      for (const node of group) {
        if (this.groupOf.has(node)) throw new Error(`Partition: ${node} is in two groups`);
        this.groupOf.set(node, index);
      }
    });
  }

  /** Whether `a` and `b` are on the same side. */
  canTalk(a: NodeId, b: NodeId): boolean {
    return (this.groupOf.get(a) ?? -1) === (this.groupOf.get(b) ?? -1);
  }
}
