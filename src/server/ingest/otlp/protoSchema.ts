// protobufjs types for OTLP traces, built from the bundled reflection descriptor
// (src/server/proto/otlp-trace.json; why a descriptor and not .proto files: see its README).
import protobuf from 'protobufjs';
import descriptor from '../../proto/otlp-trace.json' with { type: 'json' };

const root = protobuf.Root.fromJSON(descriptor);

// protobufjs records which member of the AnyValue `value` oneof it decoded through a setter, on
// the prototype, that `delete`s the six other members of every value: about 9% of decoding a GenAI
// request. Decoded AnyValues are instances of this class instead, whose own `value` property
// shadows that setter: the decoder's `m.value = "stringValue"` becomes a plain store of the member
// name (the last member on the wire wins, as protobuf says), which values.ts reads.
class DecodedAnyValue extends protobuf.Message<Record<string, unknown>> {
  value: string | undefined = undefined;
}
root.lookupType('opentelemetry.proto.common.v1.AnyValue').ctor = DecodedAnyValue;

/** The member a decoded protobuf AnyValue holds ("stringValue", …); undefined for anything else (OTLP/JSON values). */
export function decodedAnyValueMember(value: object): string | undefined {
  return value instanceof DecodedAnyValue ? value.value : undefined;
}

export const ExportTraceServiceRequest = root.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
);
export const ExportTraceServiceResponse = root.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse',
);
export const RpcStatus = root.lookupType('google.rpc.Status');
/** The parts decodeSpanBySpan.ts decodes one at a time when a request does not decode whole. */
export const Span = root.lookupType('opentelemetry.proto.trace.v1.Span');
export const Resource = root.lookupType('opentelemetry.proto.resource.v1.Resource');
export const InstrumentationScope = root.lookupType('opentelemetry.proto.common.v1.InstrumentationScope');
