package io.midcoast.topology.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedMemoryRocksDBConfigTest {

  /** The cache a store's Options point at, read through the table config's private field. */
  private static Cache cacheOf(final Options options) throws ReflectiveOperationException {
    final var field = BlockBasedTableConfig.class.getDeclaredField("blockCache");
    field.setAccessible(true);
    return (Cache) field.get(options.tableFormatConfig());
  }

  @Test
  void shouldShareOneCacheAcrossTheOptionsOfTwoStores() throws ReflectiveOperationException {
    RocksDB.loadLibrary();
    // sizes are not asserted: the shared memory is created once per JVM, by whichever store (of
    // whichever test) comes first, so this test does not depend on the order of tests
    final Map<String, Object> configs =
        Map.of(
            BoundedMemoryRocksDBConfig.BLOCK_CACHE_BYTES_CONFIG,
            8L << 20,
            BoundedMemoryRocksDBConfig.WRITE_BUFFER_BYTES_CONFIG,
            "2097152");
    try (Options first = new Options().setTableFormatConfig(new BlockBasedTableConfig());
        Options second = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
      final BoundedMemoryRocksDBConfig a = new BoundedMemoryRocksDBConfig();
      final BoundedMemoryRocksDBConfig b = new BoundedMemoryRocksDBConfig();
      a.setConfig("store-a", first, configs);
      b.setConfig("store-b", second, configs);

      final Cache cache = cacheOf(first);
      assertThat(cache).isNotNull().isSameAs(cacheOf(second));
      assertThat(first.maxWriteBufferNumber()).isEqualTo(3);
      assertThat(first.writeBufferSize()).isPositive().isEqualTo(second.writeBufferSize());
      assertThat(((BlockBasedTableConfig) first.tableFormatConfig()).cacheIndexAndFilterBlocks())
          .isTrue();
      a.close("store-a", first);
      b.close("store-b", second);
    }
  }
}
