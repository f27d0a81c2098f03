package io.headrecon.training.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import io.headrecon.training.net.DepthNet;
import io.headrecon.training.net.NetConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * A training checkpoint in a directory: {@code <name>.params} (DJL parameter file) and {@code
 * <name>.properties} (network sizes, completed epochs, seed, best validation loss, training
 * seconds). Written to temporary files and moved into place, so an interrupted write leaves the
 * previous checkpoint intact.
 */
public final class Checkpoint {
  private Checkpoint() {}

  /** Writes the parameters of {@code net} and {@code state} as {@code dir/name.*}. */
  public static void save(Path dir, String name, DepthNet net, Properties state) {
    try {
      Files.createDirectories(dir);
      Path params = dir.resolve(name + ".params.tmp");
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(params)))) {
        net.saveParameters(out);
      }
      Path props = dir.resolve(name + ".properties.tmp");
      Properties all = new Properties();
      all.putAll(state);
      net.config().store(all);
      try (OutputStream out = Files.newOutputStream(props)) {
        all.store(out, "headrecon depth network checkpoint");
      }
      Files.move(params, dir.resolve(name + ".params"), StandardCopyOption.REPLACE_EXISTING);
      Files.move(props, dir.resolve(name + ".properties"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + dir.resolve(name), e);
    }
  }

  /** Whether {@code dir/name.*} exists. */
  public static boolean exists(Path dir, String name) {
    return Files.isRegularFile(dir.resolve(name + ".params"))
        && Files.isRegularFile(dir.resolve(name + ".properties"));
  }

  /** The state written with a checkpoint, including the network sizes. */
  public static Properties state(Path dir, String name) {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve(name + ".properties"))) {
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(name + ".properties"), e);
    }
  }

  /** The network sizes of a checkpoint. */
  public static NetConfig config(Path dir, String name) {
    return NetConfig.load(state(dir, name));
  }

  /** Loads the parameters of {@code dir/name.params} into an initialised {@code net}. */
  public static void loadParameters(Path dir, String name, DepthNet net, NDManager manager) {
    Path params = dir.resolve(name + ".params");
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(params)))) {
      net.loadParameters(manager, in);
    } catch (IOException | MalformedModelException e) {
      throw new IllegalStateException("cannot load checkpoint parameters " + params, e);
    }
  }
}
