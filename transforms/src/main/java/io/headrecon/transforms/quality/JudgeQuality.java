package io.headrecon.transforms.quality;

import io.headrecon.proto.SubjectMetrics;
import io.headrecon.transforms.records.SubjectResult;
import io.headrecon.transforms.records.SubjectResultCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/** Sets every reconstructed subject's quality verdict ({@link QualityVerdict}) in its metrics. */
public class JudgeQuality
    extends PTransform<PCollection<SubjectResult>, PCollection<SubjectResult>> {
  private JudgeQuality() {}

  public static JudgeQuality create() {
    return new JudgeQuality();
  }

  @Override
  public PCollection<SubjectResult> expand(PCollection<SubjectResult> results) {
    return results
        .apply("SetVerdict", ParDo.of(new JudgeQualityFn()))
        .setCoder(SubjectResultCoder.of());
  }

  /** Judges one subject; counts the ok and the low-quality ones. */
  static class JudgeQualityFn extends DoFn<SubjectResult, SubjectResult> {
    private final Counter ok = Metrics.counter(JudgeQuality.class, "subjectsOk");
    private final Counter lowQuality = Metrics.counter(JudgeQuality.class, "subjectsLowQuality");

    @ProcessElement
    public void process(@Element SubjectResult result, OutputReceiver<SubjectResult> out) {
      SubjectMetrics judged = QualityVerdict.judged(result.metrics());
      if (judged.getQualityReasonsCount() == 0) {
        ok.inc();
      } else {
        lowQuality.inc();
      }
      out.output(result.withMetrics(judged));
    }
  }
}
