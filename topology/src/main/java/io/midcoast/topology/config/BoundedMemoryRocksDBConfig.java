package io.midcoast.topology.config;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the instance, as in Kafka Streams' "Memory
 * management" guide: one LRU block cache and one {@link WriteBufferManager} shared by all stores,
 * index and filter blocks charged to the cache. Sizes come from {@link #BLOCK_CACHE_BYTES_CONFIG}
 * and {@link #WRITE_BUFFER_BYTES_CONFIG} in the Streams configuration ({@link
 * io.midcoast.topology.config.KafkaSettings} sets them).
 *
 * <p>The shared cache and write-buffer manager live as long as the JVM (every store instance uses
 * them, so no single store may close them); each store's own Bloom filter is closed in {@link
 * #close}.
 */
public final class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {

  /** Streams config key: total bytes of the shared block cache. */
  public static final String BLOCK_CACHE_BYTES_CONFIG = "midcoast.rocksdb.block.cache.bytes";

  /** Streams config key: bytes of all memtables together, charged to the block cache. */
  public static final String WRITE_BUFFER_BYTES_CONFIG = "midcoast.rocksdb.write.buffer.bytes";

  static final long DEFAULT_BLOCK_CACHE_BYTES = 256L * 1024 * 1024;
  static final long DEFAULT_WRITE_BUFFER_BYTES = 128L * 1024 * 1024;
  private static final double HIGH_PRIORITY_POOL_RATIO = 0.1;
  private static final long BLOCK_SIZE = 16L * 1024;
  private static final int MEMTABLES_PER_STORE = 3;
  private static final long ARENA_BLOCK_BYTES = 64L * 1024;

  private BloomFilter filter;

  /** The memory shared by every store of the JVM, created on first use. */
  private static final class Shared {
    private static Shared instance;

    private final long cacheBytes;
    private final long writeBufferBytes;
    private final Cache cache;
    private final WriteBufferManager writeBufferManager;

    private Shared(final long cacheBytes, final long writeBufferBytes) {
      this.cacheBytes = cacheBytes;
      this.writeBufferBytes = writeBufferBytes;
      this.cache = new LRUCache(cacheBytes, -1, false, HIGH_PRIORITY_POOL_RATIO);
      this.writeBufferManager = new WriteBufferManager(writeBufferBytes, cache);
    }

    static synchronized Shared get(final long cacheBytes, final long writeBufferBytes) {
      if (instance == null) {
        instance = new Shared(cacheBytes, writeBufferBytes);
      } else if (instance.cacheBytes != cacheBytes
          || instance.writeBufferBytes != writeBufferBytes) {
        RocksDBConfigSetter.LOG.warn(
            "RocksDB memory is already bounded to cache={} writeBuffer={} bytes in this JVM;"
                + " ignoring cache={} writeBuffer={}",
            instance.cacheBytes,
            instance.writeBufferBytes,
            cacheBytes,
            writeBufferBytes);
      }
      return instance;
    }
  }

  @Override
  public void setConfig(
      final String storeName, final Options options, final Map<String, Object> configs) {
    final Shared shared =
        Shared.get(
            bytes(configs, BLOCK_CACHE_BYTES_CONFIG, DEFAULT_BLOCK_CACHE_BYTES),
            bytes(configs, WRITE_BUFFER_BYTES_CONFIG, DEFAULT_WRITE_BUFFER_BYTES));
    final BlockBasedTableConfig tableConfig = (BlockBasedTableConfig) options.tableFormatConfig();
    tableConfig.setBlockCache(shared.cache);
    tableConfig.setCacheIndexAndFilterBlocks(true);
    tableConfig.setCacheIndexAndFilterBlocksWithHighPriority(true);
    tableConfig.setPinTopLevelIndexAndFilter(true);
    tableConfig.setBlockSize(BLOCK_SIZE);
    filter = new BloomFilter();
    tableConfig.setFilterPolicy(filter);
    options.setWriteBufferManager(shared.writeBufferManager);
    options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
    options.setWriteBufferSize(Math.max(1, shared.writeBufferBytes / MEMTABLES_PER_STORE));
    // every active memtable holds at least one arena block (default: write buffer size / 8, here
    // 2 MiB); with dozens of stores that alone would exceed the shared budget and the manager would
    // flush a memtable on nearly every write (thousands of tiny SST files, writes stalled on
    // flushes and compactions). Small blocks keep the idle footprint of a store small.
    options.setArenaBlockSize(ARENA_BLOCK_BYTES);
    options.setTableFormatConfig(tableConfig);
  }

  @Override
  public void close(final String storeName, final Options options) {
    if (filter != null) {
      filter.close();
      filter = null;
    }
  }

  private static long bytes(final Map<String, Object> configs, final String key, final long def) {
    final Object value = configs.get(key);
    if (value == null) {
      return def;
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    return Long.parseLong(value.toString().strip());
  }
}
