#!/bin/sh
# Creates PointSaga's Temporal namespace and custom search attributes: the one-shot
# `temporal-init` service, run in temporalio/admin-tools once temporalio/server is up
# (temporalio/server creates no namespace by itself). Idempotent: an existing namespace or
# search attribute is left as it is.
# Environment: TEMPORAL_ADDRESS (host:port of the frontend), POINTSAGA_NAMESPACE,
# POINTSAGA_NAMESPACE_RETENTION, POINTSAGA_SEARCH_ATTRIBUTES ("Name=Type ...").
set -eu

: "${TEMPORAL_ADDRESS:=temporal:7233}"
NAMESPACE=${POINTSAGA_NAMESPACE:-default}
RETENTION=${POINTSAGA_NAMESPACE_RETENTION:-72h}
ATTRIBUTES=${POINTSAGA_SEARCH_ATTRIBUTES:-PointSagaShop=Keyword PointSagaCustomer=Keyword PointSagaOrder=Keyword PointSagaRedemption=Keyword PointSagaOutcome=Keyword}
export TEMPORAL_ADDRESS

# retry TRIES COMMAND...: runs COMMAND until it succeeds, 2 s apart.
retry() {
  tries=$1
  shift
  n=0
  until "$@"; do
    n=$((n + 1))
    if [ "$n" -ge "$tries" ]; then
      return 1
    fi
    sleep 2
  done
}

cluster_serving() {
  temporal operator cluster health --address "$TEMPORAL_ADDRESS" 2>/dev/null | grep -q SERVING
}

echo "temporal-init: waiting for Temporal at $TEMPORAL_ADDRESS"
retry 90 cluster_serving || { echo "temporal-init: Temporal is not SERVING" >&2; exit 1; }

if temporal operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "temporal-init: namespace $NAMESPACE exists"
else
  echo "temporal-init: creating namespace $NAMESPACE (retention $RETENTION)"
  temporal operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION" \
      --description "PointSaga sagas" \
    || temporal operator namespace describe --namespace "$NAMESPACE" >/dev/null
fi

# The namespace reaches every service of the server through a cache: wait until it is usable.
list_attributes() {
  temporal operator search-attribute list --namespace "$NAMESPACE"
}
retry 30 list_attributes >/dev/null 2>&1 \
  || { echo "temporal-init: namespace $NAMESPACE is not usable" >&2; exit 1; }

has_attribute() {
  list_attributes 2>/dev/null | grep -qw -- "$1"
}

for spec in $ATTRIBUTES; do
  name=${spec%%=*}
  type=${spec#*=}
  if has_attribute "$name"; then
    echo "temporal-init: search attribute $name exists"
    continue
  fi
  echo "temporal-init: creating search attribute $name ($type)"
  # Another run may have created it meanwhile ("already exists"): what counts is that it is there.
  temporal operator search-attribute create --namespace "$NAMESPACE" --name "$name" --type "$type" \
    || retry 5 has_attribute "$name" \
    || { echo "temporal-init: cannot create search attribute $name" >&2; exit 1; }
done

list_attributes
echo "temporal-init: namespace $NAMESPACE and its search attributes are ready"
