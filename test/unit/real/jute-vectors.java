// Prints the byte-exact vectors used by test/unit/real/jute.test.ts, serialized by the jute
// classes of Debian's ZooKeeper 3.8.0 package. Run: java -cp /usr/share/java/zookeeper.jar test/unit/real/jute-vectors.java
import org.apache.jute.*;
import org.apache.zookeeper.proto.*;
import org.apache.zookeeper.data.*;
import org.apache.zookeeper.*;
import java.io.*;
import java.util.*;

public class Gen {
  static String hex(byte[] b){StringBuilder s=new StringBuilder();for(byte x:b)s.append(String.format("%02x",x));return s.toString();}
  interface W { void w(BinaryOutputArchive a) throws IOException; }
  static void p(String name, W w) throws IOException { ByteArrayOutputStream o=new ByteArrayOutputStream(); w.w(BinaryOutputArchive.getArchive(o)); System.out.println(name+" "+hex(o.toByteArray())); }
  public static void main(String[] a) throws Exception {
    List<ACL> open = ZooDefs.Ids.OPEN_ACL_UNSAFE;
    p("connectRequest", o -> { new ConnectRequest(0, 0x1234L, 4000, 0L, new byte[16]).serialize(o,"c"); o.writeBool(false,"ro"); });
    p("connectRequestReconnect", o -> { new ConnectRequest(0, 0x100000005L, 30000, 0x0100000498760000L, new byte[]{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16}).serialize(o,"c"); o.writeBool(false,"ro"); });
    p("connectResponse", o -> { new ConnectResponse(0, 4000, 0x0100000498760001L, new byte[]{(byte)0xff,0,1,2}).serialize(o,"c"); o.writeBool(false,"ro"); });
    p("create2", o -> { new RequestHeader(1, ZooDefs.OpCode.create2).serialize(o,"h"); new CreateRequest("/a", "hello".getBytes("UTF-8"), open, 0).serialize(o,"r"); });
    p("createNullData", o -> { new RequestHeader(2, ZooDefs.OpCode.create).serialize(o,"h"); new CreateRequest("/n", null, open, 3).serialize(o,"r"); });
    p("createTTL", o -> { new RequestHeader(3, ZooDefs.OpCode.createTTL).serialize(o,"h"); new CreateTTLRequest("/t", new byte[0], open, 5, 1000L).serialize(o,"r"); });
    p("getData", o -> { new RequestHeader(4, ZooDefs.OpCode.getData).serialize(o,"h"); new GetDataRequest("/a", true).serialize(o,"r"); });
    p("setData", o -> { new RequestHeader(5, ZooDefs.OpCode.setData).serialize(o,"h"); new SetDataRequest("/a", new byte[]{1,2}, -1).serialize(o,"r"); });
    p("ping", o -> { new RequestHeader(-2, ZooDefs.OpCode.ping).serialize(o,"h"); });
    p("auth", o -> { new RequestHeader(-4, ZooDefs.OpCode.auth).serialize(o,"h"); new AuthPacket(0, "digest", "alice:secret".getBytes("UTF-8")).serialize(o,"r"); });
    p("setWatches2", o -> { new RequestHeader(-8, ZooDefs.OpCode.setWatches2).serialize(o,"h"); new SetWatches2(7L, Arrays.asList("/d"), Arrays.asList("/e"), Arrays.asList("/c"), Arrays.asList("/p"), Arrays.asList("/r")).serialize(o,"r"); });
    p("addWatch", o -> { new RequestHeader(6, ZooDefs.OpCode.addWatch).serialize(o,"h"); new AddWatchRequest("/w", 1).serialize(o,"r"); });
    p("setACLdigest", o -> { new RequestHeader(7, ZooDefs.OpCode.setACL).serialize(o,"h"); new SetACLRequest("/s", Arrays.asList(new ACL(1, new Id("digest","alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E="))), 2).serialize(o,"r"); });
    p("ustringUnicode", o -> { o.writeString("/é\u4e2d\ud83d\ude00", "s"); });
    List<Op> ops = Arrays.asList(Op.create("/m", new byte[]{'x'}, open, CreateMode.PERSISTENT), Op.create("/c", null, open, CreateMode.CONTAINER), Op.create("/t", null, open, CreateMode.PERSISTENT_WITH_TTL, 500L), Op.delete("/d", 3), Op.setData("/s", new byte[0], -1), Op.check("/k", 1));
    p("multi", o -> { new RequestHeader(8, ZooDefs.OpCode.multi).serialize(o,"h"); new MultiOperationRecord(ops).serialize(o,"r"); });
    Stat st = new Stat(3L, 4L, 1700000000000L, 1700000000001L, 1, 2, 0, 0x0100000498760001L, 5, 0, 6L);
    p("stat", o -> st.serialize(o, "s"));
    p("replyGetData", o -> { new ReplyHeader(4, 9L, 0).serialize(o,"h"); new GetDataResponse("hello".getBytes("UTF-8"), st).serialize(o,"r"); });
    p("notification", o -> { new ReplyHeader(-1, -1L, 0).serialize(o,"h"); new WatcherEvent(3, 3, "/a").serialize(o,"r"); });
    MultiResponse ok = new MultiResponse(); ok.add(new OpResult.CreateResult("/m")); ok.add(new OpResult.CreateResult("/c", st)); ok.add(new OpResult.DeleteResult()); ok.add(new OpResult.SetDataResult(st)); ok.add(new OpResult.CheckResult());
    p("multiResponseOk", o -> ok.serialize(o,"r"));
    MultiResponse bad = new MultiResponse(); bad.add(new OpResult.ErrorResult(0)); bad.add(new OpResult.ErrorResult(-110)); bad.add(new OpResult.ErrorResult(-2));
    p("multiResponseErr", o -> bad.serialize(o,"r"));
    p("getACLResponse", o -> new GetACLResponse(open, st).serialize(o,"r"));
    p("getChildren2Response", o -> new GetChildren2Response(Arrays.asList("b","a"), st).serialize(o,"r"));
  }
}
