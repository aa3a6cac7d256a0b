package io.nightshift.jobs.kernel;

import java.nio.charset.StandardCharsets;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;

/** Builds the {@link NightshiftKernel} with JJava's defaults for history, I/O and rendering. */
final class NightshiftKernelBuilder
    extends BaseKernelBuilder<NightshiftKernelBuilder, NightshiftKernel> {

  NightshiftKernelBuilder() {
    name("nightshift");
    version(
        java.util.Objects.requireNonNullElse(
            NightshiftKernelBuilder.class.getPackage().getImplementationVersion(), "dev"));
    jupyterIOEncoding(StandardCharsets.UTF_8);
    extensionsEnabled(false);
  }

  @Override
  public NightshiftKernel build() {
    return new NightshiftKernel(
        buildName(),
        buildVersion(),
        buildHistoryManager(),
        buildJupyterIO(buildJupyterIOEncoding()),
        buildCommManager(),
        buildRenderer(),
        new MagicParser("(?<=(?:^|=))\\s*%", "%%", buildMagicTranspiler()),
        buildMagicsRegistry(),
        buildErrorStyler());
  }
}
