package io.midcoast.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedMemoryRocksDBConfigTest {

  @Test
  void shouldShareOneCacheAndWriteBufferManagerAcrossStores() {
    RocksDB.loadLibrary();
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

      assertThat(first.maxWriteBufferNumber()).isEqualTo(3);
      assertThat(first.writeBufferSize()).isEqualTo((2L << 20) / 3);
      assertThat(((BlockBasedTableConfig) first.tableFormatConfig()).cacheIndexAndFilterBlocks())
          .isTrue();
      a.close("store-a", first);
      b.close("store-b", second);
    }
  }
}
