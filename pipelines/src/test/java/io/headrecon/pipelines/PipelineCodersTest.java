package io.headrecon.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.transforms.records.SubjectFilesCoder;
import io.headrecon.transforms.records.SubjectInputCoder;
import io.headrecon.transforms.records.SubjectResultCoder;
import io.headrecon.transforms.records.ViewDepthCoder;
import io.headrecon.transforms.records.ViewImageCoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Dataflow job would shuffle and store: every PCollection of {@link ReconstructHeads} has a
 * coder with an explicit byte layout (the records' own coders, protobuf, strings; no Java
 * serialization anywhere in a coder tree), and every grouping has a deterministic key coder, which
 * Dataflow's shuffle requires. The pipeline is built, not run.
 */
class PipelineCodersTest {

  @TempDir Path dir;

  @Test
  void everyPCollectionUsesACompactCoderAndGroupsOnDeterministicKeys() throws Exception {
    for (String depthSource : List.of("model", "groundtruth")) {
      ReconstructHeadsOptions options =
          ReconstructHeads.parseOptions(
              "--input=" + TestData.testdata(),
              "--output=" + dir.resolve(depthSource),
              "--depthSource=" + depthSource);
      Pipeline pipeline = Pipeline.create(options);
      ReconstructHeads.build(pipeline, options);

      Set<Class<?>> coders = new LinkedHashSet<>();
      List<String> serializable = new ArrayList<>();
      List<String> nondeterministicKeys = new ArrayList<>();
      pipeline.traverseTopologically(
          new Pipeline.PipelineVisitor.Defaults() {
            @Override
            public void visitValue(PValue value, TransformHierarchy.Node producer) {
              if (value instanceof PCollection<?> collection) {
                for (Coder<?> c : flatten(collection.getCoder())) {
                  coders.add(c.getClass());
                  if (c instanceof SerializableCoder) {
                    serializable.add(collection.getName() + ": " + collection.getCoder());
                  }
                }
              }
            }

            @Override
            public void visitPrimitiveTransform(TransformHierarchy.Node node) {
              if (node.getTransform() instanceof GroupByKey<?, ?>) {
                for (PValue in : node.getInputs().values()) {
                  Coder<?> coder = ((PCollection<?>) in).getCoder();
                  try {
                    ((KvCoder<?, ?>) coder).getKeyCoder().verifyDeterministic();
                  } catch (Coder.NonDeterministicException e) {
                    nondeterministicKeys.add(node.getFullName() + ": " + e.getMessage());
                  }
                }
              }
            }
          });
      assertThat(serializable).as(depthSource).isEmpty();
      assertThat(nondeterministicKeys).as(depthSource).isEmpty();
      assertThat(coders)
          .as(depthSource)
          .contains(
              SubjectFilesCoder.class,
              SubjectInputCoder.class,
              ViewImageCoder.class,
              ViewDepthCoder.class,
              SubjectResultCoder.class);
    }
  }

  /** A coder and every coder inside it. */
  private static List<Coder<?>> flatten(Coder<?> coder) {
    List<Coder<?>> all = new ArrayList<>();
    all.add(coder);
    List<? extends Coder<?>> components = coder.getCoderArguments();
    if (components != null) {
      for (Coder<?> c : components) {
        all.addAll(flatten(c));
      }
    }
    if (coder instanceof org.apache.beam.sdk.coders.StructuredCoder<?> structured) {
      for (Coder<?> c : structured.getComponents()) {
        if (!components.contains(c)) {
          all.addAll(flatten(c));
        }
      }
    }
    return all;
  }
}
