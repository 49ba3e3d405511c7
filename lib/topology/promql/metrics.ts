/**
 * Metric names the stack itself exposes (Prometheus, the Thanos components, Alertmanager, kube-state-metrics
 * basics): what the rule editor completes, offline, before any Prometheus exists to ask.
 */
export interface StackMetric {
  name: string;
  type: "counter" | "gauge" | "histogram" | "summary";
  help: string;
}

const m = (name: string, type: StackMetric["type"], help: string): StackMetric => ({ name, type, help });

export const STACK_METRICS: readonly StackMetric[] = [
  m("up", "gauge", "1 when the last scrape of the target succeeded"),
  m("scrape_duration_seconds", "gauge", "Duration of the last scrape"),
  m("scrape_samples_scraped", "gauge", "Samples the last scrape returned"),
  // Prometheus
  m("prometheus_build_info", "gauge", "Prometheus version"),
  m("prometheus_config_last_reload_successful", "gauge", "Whether the last configuration reload succeeded"),
  m("prometheus_rule_evaluation_failures_total", "counter", "Rule evaluations that failed"),
  m("prometheus_rule_group_iterations_missed_total", "counter", "Rule group evaluations missed (too slow)"),
  m("prometheus_rule_group_last_duration_seconds", "gauge", "Duration of the last rule group evaluation"),
  m("prometheus_notifications_dropped_total", "counter", "Alerts dropped on the way to Alertmanager"),
  m("prometheus_notifications_errors_total", "counter", "Errors sending alerts to Alertmanager"),
  m("prometheus_notifications_alertmanagers_discovered", "gauge", "Alertmanagers Prometheus sends to"),
  m("prometheus_remote_storage_samples_failed_total", "counter", "Samples remote write failed to send"),
  m("prometheus_remote_storage_samples_pending", "gauge", "Samples waiting in the remote write queue"),
  m("prometheus_remote_storage_highest_timestamp_in_seconds", "gauge", "Newest sample timestamp appended"),
  m("prometheus_remote_storage_queue_highest_sent_timestamp_seconds", "gauge", "Newest sample timestamp sent"),
  m("prometheus_sd_discovered_targets", "gauge", "Targets service discovery found"),
  m("prometheus_target_scrape_pool_exceeded_target_limit_total", "counter", "Scrape pools over their target limit"),
  m("prometheus_tsdb_head_series", "gauge", "Series in the head block"),
  m("prometheus_tsdb_head_samples_appended_total", "counter", "Samples appended to the head"),
  m("prometheus_tsdb_compactions_failed_total", "counter", "Local compactions that failed"),
  m("prometheus_tsdb_reloads_failures_total", "counter", "Block reloads that failed"),
  m("prometheus_tsdb_wal_corruptions_total", "counter", "WAL corruptions found"),
  // Sidecar, shipper, reloader
  m("thanos_sidecar_prometheus_up", "gauge", "Whether the sidecar reaches its Prometheus"),
  m("thanos_shipper_uploads_total", "counter", "Block uploads attempted"),
  m("thanos_shipper_upload_failures_total", "counter", "Block uploads that failed"),
  m("thanos_shipper_dir_syncs_total", "counter", "Shipper directory syncs"),
  m("thanos_shipper_dir_sync_failures_total", "counter", "Shipper directory syncs that failed"),
  m("thanos_sidecar_last_heartbeat_success_time_seconds", "gauge", "Last time the sidecar reached Prometheus"),
  m("thanos_sidecar_reloader_reloads_total", "counter", "Prometheus reloads the sidecar triggered"),
  m("thanos_sidecar_reloader_reloads_failed_total", "counter", "Prometheus reloads that failed"),
  // Query and Query Frontend
  m("thanos_store_nodes_grpc_connections", "gauge", "StoreAPI endpoints Query is connected to"),
  m("thanos_query_store_apis_dns_failures_total", "counter", "DNS lookups of store endpoints that failed"),
  m("thanos_query_concurrent_gate_queries_in_flight", "gauge", "Queries running"),
  m("thanos_query_concurrent_gate_queries_max", "gauge", "Concurrent query limit"),
  m("http_requests_total", "counter", "HTTP requests by handler and code"),
  m("http_request_duration_seconds", "histogram", "HTTP request latency by handler"),
  m("grpc_server_handled_total", "counter", "gRPC calls served, by code"),
  m("grpc_server_handling_seconds", "histogram", "gRPC call latency"),
  m("grpc_client_handled_total", "counter", "gRPC calls made, by code"),
  m("thanos_frontend_split_queries_total", "counter", "Queries the frontend split by interval"),
  m("cortex_cache_request_duration_seconds", "histogram", "Response cache request latency"),
  m("cortex_cache_fetched_keys", "counter", "Response cache keys fetched"),
  m("cortex_cache_hits", "counter", "Response cache hits"),
  // Store Gateway
  m("thanos_bucket_store_blocks_loaded", "gauge", "Blocks the store gateway serves"),
  m("thanos_bucket_store_block_load_failures_total", "counter", "Blocks that failed to load"),
  m("thanos_bucket_store_series_blocks_queried", "summary", "Blocks touched per Series call"),
  m("thanos_bucket_store_series_data_touched", "summary", "Data touched per Series call"),
  m("thanos_store_index_cache_hits_total", "counter", "Index cache hits"),
  m("thanos_store_index_cache_requests_total", "counter", "Index cache requests"),
  m("thanos_objstore_bucket_operations_total", "counter", "Object store operations"),
  m("thanos_objstore_bucket_operation_failures_total", "counter", "Object store operations that failed"),
  m("thanos_objstore_bucket_last_successful_upload_time", "gauge", "Last successful upload to the bucket"),
  m("thanos_blocks_meta_syncs_total", "counter", "Block metadata syncs"),
  m("thanos_blocks_meta_sync_failures_total", "counter", "Block metadata syncs that failed"),
  // Compactor
  m("thanos_compact_halted", "gauge", "1 when the compactor halted on an error it cannot retry"),
  m("thanos_compact_group_compactions_total", "counter", "Group compactions run"),
  m("thanos_compact_group_compactions_failures_total", "counter", "Group compactions that failed"),
  m("thanos_compact_iterations_total", "counter", "Compaction iterations completed"),
  m("thanos_compact_downsample_total", "counter", "Downsampling runs"),
  m("thanos_compact_downsample_failures_total", "counter", "Downsampling runs that failed"),
  m("thanos_compact_blocks_cleaned_total", "counter", "Blocks deleted by retention or deletion marks"),
  m("thanos_compact_todo_compactions", "gauge", "Compactions still to do"),
  // Receiver
  m("thanos_receive_replications_total", "counter", "Replication requests sent, by result"),
  m("thanos_receive_forward_requests_total", "counter", "Forwarded write requests, by result"),
  m("thanos_receive_write_errors_total", "counter", "Write errors, by reason"),
  m("thanos_receive_hashrings_file_changes_total", "counter", "Hashring file reloads"),
  m("thanos_receive_config_last_reload_successful", "gauge", "Whether the last hashring reload succeeded"),
  m("thanos_receive_head_series", "gauge", "Head series per tenant"),
  m("prometheus_tsdb_head_max_time_seconds", "gauge", "Newest sample in the head"),
  // Ruler
  m("thanos_rule_evaluation_with_warnings_total", "counter", "Rule evaluations that returned warnings"),
  m("thanos_rule_loaded_rules", "gauge", "Rules the ruler has loaded"),
  m("thanos_alert_sender_alerts_dropped_total", "counter", "Alerts the ruler dropped"),
  m("thanos_alert_sender_errors_total", "counter", "Errors sending alerts"),
  m("thanos_rule_config_last_reload_successful", "gauge", "Whether the last rule reload succeeded"),
  // Alertmanager
  m("alertmanager_notifications_failed_total", "counter", "Notifications that failed, by integration"),
  m("alertmanager_notifications_total", "counter", "Notifications sent, by integration"),
  m("alertmanager_cluster_members", "gauge", "Peers in the Alertmanager cluster"),
  m("alertmanager_config_last_reload_successful", "gauge", "Whether the last configuration reload succeeded"),
  // Go runtime and process, every component
  m("process_cpu_seconds_total", "counter", "CPU time used"),
  m("process_resident_memory_bytes", "gauge", "Resident memory"),
  m("go_memstats_heap_inuse_bytes", "gauge", "Heap in use"),
  m("go_goroutines", "gauge", "Goroutines"),
  // kube-state-metrics
  m("kube_pod_container_status_restarts_total", "counter", "Container restarts"),
  m("kube_statefulset_status_replicas_ready", "gauge", "Ready replicas of a StatefulSet"),
  m("kube_deployment_status_replicas_available", "gauge", "Available replicas of a Deployment"),
];

/** Label names every scraped stack series may carry (target labels plus the stack's external labels). */
export const STACK_LABELS: readonly string[] = [
  "job",
  "instance",
  "namespace",
  "pod",
  "container",
  "cluster",
  "prometheus_replica",
  "rule_replica",
  "receive_replica",
  "tenant_id",
  "handler",
  "code",
  "grpc_code",
  "grpc_method",
  "le",
];
