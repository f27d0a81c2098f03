package io.headrecon.model;

/**
 * Which ONNX Runtime execution provider runs the depth network. The constant names are the values
 * of the pipeline's {@code --executionProvider} option.
 */
public enum ExecutionProvider {
  /**
   * CUDA when the GPU build of ONNX Runtime finds a usable GPU, else the CPU (one INFO log line
   * says so).
   */
  auto,
  /** The CPU. */
  cpu,
  /** CUDA; fails when this ONNX Runtime build or machine has no usable CUDA. */
  cuda
}
