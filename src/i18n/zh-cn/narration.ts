/**
 * 实验台旁白的中文（src/views/narration.ts）：模拟运行中每一步的说明。键和参数与
 * `en/narration.ts` 一一对应；术语按 content/zh-cn/terms.md。节点名、zxid、ZooKeeper 自己的
 * 名字（状态、报文名、操作、错误码）原样保留。
 */
import type { Fault } from '../../../playground/sim/faults.ts';
import type { NarrationMessages } from '../en/narration.ts';

const pathOf = (path: string): string => (path ? ` ${path}` : '');
const duration = (ms: number): string => (ms > 0 && ms % 1000 === 0 ? `${ms / 1000} 秒` : `${ms} 毫秒`);
const listOf = (items: readonly string[]): string => items.join('、');
/** A phrase inside a Chinese sentence, with a space where it starts or ends with a Latin letter or digit (“发送 FOLLOWERINFO”, “一个 PING 丢失了”). */
const spaced = (phrase: string): string => `${/^[0-9A-Za-z]/.test(phrase) ? ' ' : ''}${phrase}${/[0-9A-Za-z]$/.test(phrase) ? ' ' : ''}`;

function fault(f: Fault): string {
  switch (f.kind) {
    case 'crash':
      return `${f.node} 崩溃了（进程被杀死）：它的连接随之关闭，所以对端立刻就知道了。`;
    case 'restart':
      return `${f.node} 从磁盘上的数据重新启动。`;
    case 'freeze':
      return `${f.node} 所在的主机冻结了 ${duration(f.forMs)}（就像一次很长的 GC 停顿）：它不收不发、计时器不走，也不关闭任何连接，所以对端只能等自己的计时器超时才会发觉。`;
    case 'partition':
      return `网络分区了：${f.groups.map((g) => `{${g.join('、')}}`).join(' 与 ')} 之间互相联系不上。`;
    case 'heal':
      return '网络分区恢复了。';
    case 'break':
      return `${f.a} 和 ${f.b} 之间的连接断了。`;
    case 'latency': {
      const range = `${f.minMs === f.maxMs ? f.minMs : `${f.minMs}–${f.maxMs}`} 毫秒`;
      return f.between === undefined ? `现在每条消息要走 ${range}。` : `现在 ${f.between[0]} 和 ${f.between[1]} 之间的消息双向都要走 ${range}；其他链路不变。`;
    }
    case 'skew':
      return f.byMs === 0
        ? `${f.node} 的墙上时钟已经校正。`
        : `${f.node} 的墙上时钟现在${f.byMs < 0 ? '慢' : '快'}了 ${duration(Math.abs(f.byMs))}：它写入时盖的时间戳（它当领导者时，znode 的 ctime 和 mtime）都偏差这么多；它的超时不受影响，因为超时用的是只管计数的时钟。`;
  }
}

const narration: NarrationMessages = {
  sentenceJoin: '',
  listAnd: (items) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join('、')} 和 ${items[items.length - 1]}`),
  listComma: listOf,

  observerEmptyVote: '一张观察者的空票',
  voteFor: (leader, round) => `一张投给 ${leader} 的选票（第 ${round} 轮）`,
  packet: {
    FOLLOWERINFO: 'FOLLOWERINFO（请求跟随，附上自己的纪元）',
    OBSERVERINFO: 'OBSERVERINFO（请求观察，附上自己的纪元）',
    LEADERINFO: 'LEADERINFO（新的纪元）',
    ACKEPOCH: 'ACKEPOCH（接受新纪元，附上自己最后的 zxid）',
    NEWLEADER: 'NEWLEADER（它必须持有的历史）',
    UPTODATE: 'UPTODATE（可以开始服务了）',
    DIFF: 'DIFF（随后发来它缺少的事务）',
    TRUNC: 'TRUNC（它必须截断自己的日志）',
    SNAP: 'SNAP（随后发来一份完整快照）',
    PING: '一个 PING',
    REQUEST: '一个 REQUEST（转发给领导者的写请求）',
    REVALIDATE: 'REVALIDATE（这个会话还活着吗？）',
    SYNC: 'SYNC（转发给领导者的 sync）',
    REFUSED: 'REFUSED（领导者不接纳它）',
  },
  sessionRequest: '一个建立会话的请求（ConnectRequest）',
  sessionAnswer: '建立会话请求的应答（ConnectResponse）',
  sessionPing: '一个会话心跳（ping）',
  request: (op, path) => `一个 ${op}${pathOf(path)} 请求`,
  pingReply: '一个心跳应答',
  reply: (outcome) => `一个应答${outcome !== 'OK' ? `（${outcome}）` : ''}`,
  watchEvent: (event, path) => `一个监视事件（${event}${pathOf(path)}）`,
  aMessage: '一条消息',

  dropReason: {
    'no-connection': '没有连接可以承载它',
    'not-connected': '连接还在建立中',
    closed: '连接先关闭了',
    broken: '连接断了',
    partition: '网络分区切断了连接',
    crash: '有一端崩溃了',
    'node-down': '对方宕机了',
  },
  dropUnknown: '它永远不会到达',
  connectFail: {
    refused: '那里没有人在监听',
    timeout: '连接超时了',
    crash: '有一端崩溃了',
    broken: '连接断了',
    closed: '连接还没建立就被关闭了',
  },
  connectFailUnknown: '连接失败了',
  disconnect: {
    'closed-by-peer': '对端关闭了它',
    broken: '它断了',
    partition: '网络分区切断了它',
    crash: '对端崩溃了',
  },
  disconnectUnknown: '它关闭了',

  timer: {
    'fle.timeout': (node) => `${node} 有一阵子没收到新的选票了，于是再把自己的选票发一遍。`,
    'fle.finalize': (node) => `${node} 等更好的选票已经等得够久了：它就此确定选举结果。`,
    'leader.ping': (node) => `领导者 ${node} 向跟随者发送心跳（并检查法定人数是否仍在应答）。`,
    'learner.timeout': (node) => `${node} 检查最近是否收到过领导者的消息。`,
    'learner.retry': (node) => `${node} 再次尝试连接领导者。`,
    ping: (node) => `${node} 向服务器发送心跳，让会话保持存活。`,
    reconnect: (node) => `${node} 再次尝试连接。`,
    connectTimeout: (node) => `${node} 不再等待连接建立。`,
    readTimeout: (node) => `${node} 检查最近是否收到过服务器的消息。`,
  },
  timerOther: (node) => `${node} 的一个计时器到期了。`,

  looking: (node) => `${node} 进入 LOOKING 状态：它投票选举领导者。`,
  discoveryLeader: (node) => `${node} 将成为领导者：它召集跟随者，选定一个新的纪元。`,
  discoveryFollower: (node) => `${node} 开始发现阶段：它把自己接受过的最后一个纪元告诉领导者。`,
  syncLeader: (node) => `${node} 让它的跟随者跟上进度。`,
  syncFollower: (node) => `领导者正在让 ${node} 跟上进度。`,
  broadcast: (node, state, epoch) => `${node} 在纪元 ${epoch} 中${state === 'LEADING' ? '担任领导者' : state === 'OBSERVING' ? '担任观察者' : '担任跟随者'}，开始为客户端服务。`,
  stateOther: (node, state) => `${node} 处于 ${state} 状态。`,

  clientConnected: (node, session) => `${node} 已连接（CONNECTED，会话 ${session}）。`,
  clientConnecting: (node) => `${node} 正在连接服务器（CONNECTING）。`,
  clientClosed: (node) => `${node} 的会话已关闭。`,
  clientExpired: (node) => `${node} 得知自己的会话已经过期。`,
  clientStateOther: (node, state) => `${node} 现在处于 ${state} 状态。`,

  vote: (node, leader, zxid, round) => `${node} 现在投票给 ${leader}（zxid ${zxid}，第 ${round} 轮）。`,
  won: (node) => `${node} 赢得了选举。`,
  willFollow: (node, leader) => `${node} 将跟随 ${leader}。`,
  epochAccepted: (node, accepted, current) => `${node} 在磁盘上记下：它已接受纪元 ${accepted}${current !== undefined ? `（它的当前纪元是 ${current}）` : ''}。`,
  sync: (node, follower, mode) => `${node} 用 ${mode} 让 ${follower} 跟上进度。`,
  syncFromDisk: (node, follower, mode) => `${node} 用 ${mode} 让 ${follower} 跟上进度，缺少的事务从磁盘上的日志里读出。`,
  established: (epoch, quorum, node, zxid) => `纪元 ${epoch} 确立：法定人数（${quorum}）接受 ${node} 为领导者，${zxid} 及之前的一切都已提交。`,
  txnNewSession: '一个新会话',
  txnSessionEnd: (client) => `${client} 的会话结束`,
  txnSessionEndOf: (session) => `会话 ${session} 结束`,
  txnMulti: (count) => `包含 ${count} 个操作的 multi`,
  txnFailed: '一个失败请求',
  txnOfClient: (client, what) => `${client} 的${spaced(what).trimEnd()}`,
  txnOfServer: (what) => `${what}（服务器自己发起的）`,
  txnOfSession: (what, session) => `${what}（会话 ${session}）`,
  propose: (node, zxid, txn) => `${node} 提出提案 ${zxid}：${txn}。`,
  log: (node, zxid) => `${node} 把 ${zxid} 写入磁盘上的日志。`,
  commit: (node, zxid) => `${node} 提交 ${zxid}：法定人数已经确认了它。`,
  deliver: (node, zxid, txn) => `${node} 把 ${zxid}（${txn}）应用到自己的树上。`,
  truncate: (node, zxid) => `${node} 把日志截断到 ${zxid}：之后的内容从未提交过。`,
  snapshotTaken: (node, zxid) => `${node} 用领导者截至 ${zxid} 的快照替换自己的树。`,
  shutdown: (node, reason) => `${node} 放弃自己的角色（${reason}）。`,
  learnerClosed: (node, follower, reason) => `${node} 断开与跟随者 ${follower} 的连接（${reason}）。`,
  zabError: (node, reason) => `${node} 无法启动：${reason}。`,
  serverExit: (node, code, reason) => `${node} 的进程退出（退出码 ${code}）：${reason}。`,
  serverStart: (node, replayed, zxid) => `${node} 从磁盘加载数据：重放了日志中的 ${replayed} 个事务，最后的 zxid 是 ${zxid}。`,
  snapshotSaved: (node, zxid) => `${node} 保存一份截至 ${zxid} 的树的快照。`,
  notServing: (node, peer, state) => `${node} 处于 ${state} 状态，不为客户端服务，所以拒绝了 ${peer}。`,
  sessionCreate: (node, session, timeout) => `${node} 创建会话 ${session}（超时 ${timeout} 毫秒）。`,
  sessionEstablished: (node, peer, session) => `${node} 接受 ${peer} 的会话 ${session}。`,
  sessionInvalid: (node, peer, session) => `${node} 告诉 ${peer}：它的会话 ${session} 已经无效。`,
  sessionMissing: (node, peer, session, dropped) => `${node} 丢弃了 ${peer} 的${dropped === undefined ? '请求' : ` ${dropped} `}，不作应答：会话 ${session} 已不存在或正在关闭。`,
  sessionClose: (node, session, deleted) => `${node} 关闭会话 ${session}${deleted ? `；它的临时节点随之删除：${deleted}` : ''}。`,
  sessionExpire: (node, session) => `${node} 让会话 ${session} 过期：在超时时间内没有收到它的任何消息。`,
  sessionRefused: (node, peer, clientZxid, serverZxid) => `${node} 拒绝了 ${peer}：客户端已经见过 ${clientZxid}，比 ${node} 应用过的任何事务（${serverZxid}）都新，所以它必须换一台服务器。`,
  sessionMoved: (node, op, peer) => `${node} 拒绝了一个 ${op}：它到达时会话已经移到了另一台服务器（SESSIONMOVED）${peer !== undefined ? `，并关闭 ${peer} 的连接` : ''}。`,
  watchFire: (node, event, path, peer) => `${node} 触发一个监视：把 ${event} ${path} 发给 ${peer}。`,
  watchWithheld: (node, event, path) => `${node} 扣下一个监视事件（${event} ${path}）：这个会话无权读取那个 znode。`,
  authFailed: (node, peer, scheme) => `${node} 拒绝了 ${peer} 的凭据（${scheme}）。`,
  connectionLost: (node, server, reason) => `${node} 与 ${server} 的连接丢失了（${reason}）。`,
  readTimeout: (node, server, ms) => `${node} 已经 ${ms} 毫秒没有收到 ${server} 的消息：它放弃这个连接。`,
  sessionExpiredLearnt: (node, session) => `${node} 得知自己的会话 ${session} 已经过期。`,
  unknownProtocol: (node) => `${node} 执行了协议中的一步。`,
  failedTxn: '一个失败的事务',
  treeChanges: (node, txn, outcome) => `${node} 的树发生变化：${txn}${outcome !== 'OK' ? `（${outcome}）` : ''}。`,

  aCall: '一次调用',
  appConnects: (node, timeout) => `${node} 的应用打开一个 ZooKeeper 会话（超时 ${timeout} 毫秒）。`,
  appCalls: (node, call) => `${node} 的应用调用 ${call}。`,
  appCloses: (node) => `${node} 的应用关闭自己的会话。`,
  appAddsAuth: (node) => `${node} 的应用添加凭据。`,
  connectionDropped: (node) => `${node} 的连接被断开。`,
  appAsks: (node) => `${node} 的应用要求它做一件事。`,
  callFails: (node, call, outcome) => `${node} 的 ${call} 失败，错误码 ${outcome}。`,
  callOk: (node, call) => `${node} 的 ${call} 返回 OK。`,
  hearsState: (node, state) => `${node} 的应用得知自己处于 ${state} 状态。`,
  watcherTold: (node, what) => `${node} 的 Watcher 收到通知：${what}。`,
  seesState: (node, state) => `${node} 的应用看到状态 ${state}。`,
  reports: (node) => `${node} 向自己的应用报告。`,

  fault,
  starts: (node) => `${node} 启动。`,
  broke: (a, b) => `${a} 和 ${b} 之间的连接断了：网络分区持续的时间超过了它的保活时间。`,
  thaw: (node) => `${node} 所在的主机恢复运行：它先接收冻结期间到达的消息，再让逾期的计时器依次触发。`,
  sends: (from, phrase, to) => `${from} 向 ${to} 发送${spaced(phrase).trimEnd()}。`,
  receives: (to, phrase, from) => `${to} 收到 ${from} 发来的${spaced(phrase).trimEnd()}。`,
  lost: (phrase, to, reason) => `发往 ${to} 的${spaced(phrase)}丢失了：${reason}。`,
  waits: (phrase, from, to) => `${from} 发出的${spaced(phrase)}在等待：暂时到达不了 ${to}。`,
  released: (from, to, at) => `${from} 发往 ${to} 的一条消息先前被扣住，现在可以继续传送了；它将在 ${at} 毫秒时到达。`,
  connectNote: (from, to, note) => `${from} 尝试连接 ${to}，但 ${note}。`,
  opensConnection: (from, to) => `${from} 向 ${to} 发起连接。`,
  connected: (node, peer) => `${node} 和 ${peer} 已连接。`,
  cannotConnect: (node, peer, reason) => `${node} 连接不上 ${peer}：${reason}。`,
  closes: (node, peer) => `${node} 关闭与 ${peer} 的连接。`,
  gone: (node, peer, reason) => `${node} 与 ${peer} 的连接没了：${reason}。`,
  somethingHappens: '发生了一件事。',
  wakes: (node, what) => `${node} 的应用醒来（${what}）。`,
  scheduled: (label) => `按计划：${label}。`,
  notStarted: '运行还没有开始：什么都还没发生。',
  serversStarting: '服务器正在启动：还没有哪一台是领导者。按 Play 播放，或按 Step 一次走一个事件。',
};

export default narration;
