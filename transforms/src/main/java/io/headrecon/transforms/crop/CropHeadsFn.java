package io.headrecon.transforms.crop;

import io.headrecon.model.DepthNetContract;
import io.headrecon.model.ExecutionProvider;
import io.headrecon.proto.Camera;
import io.headrecon.proto.View;
import io.headrecon.transforms.depth.DepthModelFiles;
import io.headrecon.transforms.io.Failures;
import io.headrecon.transforms.records.ViewImage;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Finds the head in each decoded photo ({@link HeadLocator}) and replaces the photo by the
 * network's 180 × 180 input cut from it, with the crop's camera and the crop recorded in the view
 * ({@code View.head_crop}); a photo without a head becomes a failure record at stage {@code
 * head_crop}.
 */
public class CropHeadsFn extends DoFn<KV<String, ViewImage>, KV<String, ViewImage>> {
  private static final int SIZE = DepthNetContract.INPUT_SIZE_PX;

  private final Counter cropped = Metrics.counter(CropHeadsFn.class, "viewsCropped");
  private final Counter noHead = Metrics.counter(CropHeadsFn.class, "viewsWithoutHead");
  private final Counter failed = Metrics.counter(CropHeadsFn.class, "viewsFailed");
  private final Distribution passes = Metrics.distribution(CropHeadsFn.class, "networkPasses");

  private final String model;
  private final ExecutionProvider provider;

  private transient HeadLocator.Network network;

  /**
   * @param model the pipeline's {@code --model} ({@link DepthModelFiles})
   * @param provider where the network runs
   */
  public CropHeadsFn(String model, ExecutionProvider provider) {
    this.model = model;
    this.provider = provider;
  }

  @Setup
  public void setup() {
    network = HeadLocator.network(DepthModelFiles.runner(model, provider));
  }

  @ProcessElement
  public void process(@Element KV<String, ViewImage> element, MultiOutputReceiver out) {
    ViewImage photo = element.getValue();
    View view = photo.view();
    try {
      HeadLocator.Located found =
          HeadLocator.locate(photo.image(), view.getCamera().getIntrinsics(), network);
      Camera camera =
          view.getCamera().toBuilder()
              .setIntrinsics(found.crop().intrinsics(view.getCamera().getIntrinsics(), SIZE))
              .build();
      View croppedView = view.toBuilder().setCamera(camera).setHeadCrop(found.box()).build();
      out.get(CropHeads.CROPPED)
          .output(
              KV.of(
                  element.getKey(),
                  new ViewImage(croppedView, found.crop().resample(photo.image(), SIZE))));
      passes.update(found.box().getPasses());
      cropped.inc();
    } catch (HeadLocator.NoHeadException e) {
      noHead.inc();
      out.get(CropHeads.FAILURES)
          .output(
              Failures.of(photo.subjectId(), photo.viewId(), "head_crop", view.getImageUri(), e));
    } catch (Exception e) {
      failed.inc();
      out.get(CropHeads.FAILURES)
          .output(
              Failures.of(photo.subjectId(), photo.viewId(), "head_crop", view.getImageUri(), e));
    }
  }
}
