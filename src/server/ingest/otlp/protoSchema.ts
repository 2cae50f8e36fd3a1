// protobufjs types for OTLP traces, built from the bundled reflection descriptor
// (src/server/proto/otlp-trace.json; why a descriptor and not .proto files: see its README).
import protobuf from 'protobufjs';
import descriptor from '../../proto/otlp-trace.json' with { type: 'json' };

const root = protobuf.Root.fromJSON(descriptor);

export const ExportTraceServiceRequest = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
export const ExportTraceServiceResponse = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse');
export const RpcStatus = root.lookupType('google.rpc.Status');
