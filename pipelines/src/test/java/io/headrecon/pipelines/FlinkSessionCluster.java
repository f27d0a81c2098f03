package io.headrecon.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Flink 1.19 session cluster on loopback ports: a JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and one TaskManager with two slots, each in its own JVM,
 * restarting a failed job up to twice (fixed delay, 1 s), started from Flink's published jars
 * (their classpath is written by the build to {@code target/flink-cluster.classpath}). Every wait
 * is bounded; {@link #close} stops both processes.
 */
final class FlinkSessionCluster implements AutoCloseable {
  /** Flink's own JVM options for Java 17 (its default {@code env.java.opts.all}). */
  private static final List<String> JAVA_17_OPENS =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private final Path dir;
  private final int restPort;
  private final List<Process> processes = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private FlinkSessionCluster(Path dir, int restPort) {
    this.dir = dir;
    this.restPort = restPort;
  }

  /** The classpath of the cluster processes, as the build wrote it. */
  static List<String> clusterClasspath() throws IOException {
    Path file = Paths.get("target", "flink-cluster.classpath");
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          file.toAbsolutePath()
              + " is missing: run the tests through Maven (process-test-resources)");
    }
    return Arrays.asList(Files.readString(file).trim().split(java.io.File.pathSeparator));
  }

  /**
   * Starts the JobManager and one TaskManager with {@code slots} slots and waits (at most {@code
   * timeout}) until the TaskManager has registered.
   */
  static FlinkSessionCluster start(Path dir, int slots, Duration timeout) throws Exception {
    int[] ports = freePorts(5);
    FlinkSessionCluster cluster = new FlinkSessionCluster(dir, ports[1]);
    try {
      Path conf = Files.createDirectories(dir.resolve("conf"));
      Path tmp = Files.createDirectories(dir.resolve("tmp"));
      Files.writeString(
          conf.resolve("flink-conf.yaml"),
          String.join(
                  "\n",
                  "jobmanager.rpc.address: localhost",
                  "jobmanager.bind-host: localhost",
                  "jobmanager.rpc.port: " + ports[0],
                  "rest.address: localhost",
                  "rest.bind-address: localhost",
                  "rest.port: " + ports[1],
                  "blob.server.port: " + ports[2],
                  "taskmanager.host: localhost",
                  "taskmanager.bind-host: localhost",
                  "taskmanager.rpc.port: " + ports[3],
                  "taskmanager.data.port: " + ports[4],
                  "taskmanager.resource-id: headrecon-test-tm",
                  "taskmanager.numberOfTaskSlots: " + slots,
                  // Started without Flink's scripts, so the TaskManager's memory is given in full.
                  "taskmanager.cpu.cores: " + slots,
                  "taskmanager.memory.framework.heap.size: 128m",
                  "taskmanager.memory.task.heap.size: 768m",
                  "taskmanager.memory.framework.off-heap.size: 128m",
                  "taskmanager.memory.task.off-heap.size: 0m",
                  "taskmanager.memory.network.min: 256m",
                  "taskmanager.memory.network.max: 256m",
                  "taskmanager.memory.managed.size: 512m",
                  "taskmanager.memory.jvm-metaspace.size: 256m",
                  "taskmanager.memory.jvm-overhead.min: 192m",
                  "taskmanager.memory.jvm-overhead.max: 192m",
                  // Retries: Beam 2.70's Flink batch translation ignores --numberOfExecutionRetries
                  // (it applies it to streaming only), so the cluster's default restart strategy
                  // is what retries a failed batch job.
                  "restart-strategy.type: fixed-delay",
                  "restart-strategy.fixed-delay.attempts: 2",
                  "restart-strategy.fixed-delay.delay: 1 s",
                  "io.tmp.dirs: " + tmp,
                  "blob.storage.directory: " + tmp,
                  "web.tmpdir: " + tmp,
                  "")
              + "\n");
      Files.writeString(
          conf.resolve("logback.xml"),
          "<configuration><appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">"
              + "<encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern>"
              + "</encoder></appender><root level=\"INFO\"><appender-ref ref=\"OUT\"/></root>"
              + "</configuration>\n");
      cluster.launch(
          "jobmanager",
          "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
          conf,
          "-Xmx512m");
      cluster.launch(
          "taskmanager",
          "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
          conf,
          "-Xmx896m",
          "-Xms896m",
          "-XX:MaxDirectMemorySize=448m",
          "-XX:MaxMetaspaceSize=256m");
      cluster.awaitTaskManagers(1, timeout);
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code localhost:<rest port>}, for {@code --flinkMaster}. */
  String master() {
    return "localhost:" + restPort;
  }

  /** GETs a REST path of the JobManager (e.g. {@code /jobs/overview}) and returns the body. */
  String rest(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + response.statusCode());
    }
    return response.body();
  }

  /** The last lines of a process's log, for failure messages. */
  String logTail(String name) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void launch(String name, String mainClass, Path conf, String... jvmOptions)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(jvmOptions));
    command.addAll(JAVA_17_OPENS);
    command.add("-Dlogback.configurationFile=" + conf.resolve("logback.xml"));
    command.add("-cp");
    command.add(String.join(java.io.File.pathSeparator, clusterClasspath()));
    command.add(mainClass);
    command.add("--configDir");
    command.add(conf.toString());
    Path log = dir.resolve(name + ".log");
    processes.add(
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(dir.toFile())
            .start());
  }

  private void awaitTaskManagers(int count, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              "a Flink process exited with "
                  + p.exitValue()
                  + "\njobmanager:\n"
                  + logTail("jobmanager")
                  + "\ntaskmanager:\n"
                  + logTail("taskmanager"));
        }
      }
      try {
        last = rest("/taskmanagers");
        if (countOccurrences(last, "\"slotsNumber\"") >= count) {
          return;
        }
      } catch (IOException e) {
        last = e.toString(); // not up yet
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new IllegalStateException(
        "no TaskManager registered within "
            + timeout
            + " (last answer: "
            + last
            + ")\njobmanager:\n"
            + logTail("jobmanager")
            + "\ntaskmanager:\n"
            + logTail("taskmanager"));
  }

  static int countOccurrences(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }

  /** Stops the TaskManager and the JobManager: politely, then forcibly, each wait bounded. */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      p.destroy();
      try {
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int[] freePorts(int n) {
    Set<Integer> ports = new LinkedHashSet<>();
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      while (ports.size() < n) {
        ServerSocket s = new ServerSocket(0);
        sockets.add(s);
        ports.add(s.getLocalPort());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket s : sockets) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing a probe socket
        }
      }
    }
    return ports.stream().mapToInt(Integer::intValue).toArray();
  }
}
