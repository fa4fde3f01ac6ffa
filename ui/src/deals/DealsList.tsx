// The deals as a sortable, virtualised table (beside the board).
import { useCallback, useEffect, useMemo, useState } from "react";
import { Stack, Text } from "@mantine/core";
import { commands, type DealCard, type DealFilter, type DealSort, type SortDirection } from "../bindings";
import { call, notifyError } from "../lib/api";
import { usePagedRows } from "../lib/paging";
import { TableBox, VirtualTable } from "../lib/VirtualTable";
import { dealColumns } from "./dealColumns";

const DEFAULT_DIRECTION: Record<DealSort, SortDirection> = {
  title: "asc", value: "desc", expected_close: "asc", stage: "asc", updated: "desc", created: "desc",
};

interface Props {
  pipelineId: string;
  filter: DealFilter;
  reloadKey: number;
  onOpen: (card: DealCard) => void;
  onTotal: (n: number | null) => void;
}

export function DealsList({ pipelineId, filter, reloadKey, onOpen, onTotal }: Props) {
  const [sort, setSort] = useState<DealSort>("updated");
  const [direction, setDirection] = useState<SortDirection>("desc");
  const query = useMemo(() => ({ pipeline_id: pipelineId, filter, sort, direction }), [pipelineId, filter, sort, direction]);
  const key = JSON.stringify({ query, reloadKey });
  const fetchPage = useCallback(async (offset: number, limit: number) => {
    const page = await call(commands.dealsList({ ...query, offset, limit }));
    return { rows: page.cards, total: page.total };
  }, [query]);
  const paged = usePagedRows<DealCard>(key, fetchPage);
  useEffect(() => {
    if (paged.error) notifyError(paged.error);
  }, [paged.error]);
  useEffect(() => onTotal(paged.total), [paged.total, onTotal]);
  const onSort = (s: DealSort) => {
    if (s === sort) setDirection((d) => (d === "asc" ? "desc" : "asc"));
    else {
      setSort(s);
      setDirection(DEFAULT_DIRECTION[s]);
    }
  };
  return (
    <TableBox>
      <VirtualTable<DealCard, DealSort>
        columns={dealColumns} total={paged.total} rowAt={paged.rowAt} ensureRange={paged.ensureRange} queryKey={key}
        rowKey={(r) => r.id} onRowClick={onOpen} sort={sort} direction={direction} onSort={onSort}
        listTestId="deals-list" rowTestId="deal-row" minWidth={980}
        empty={<Stack align="center" gap={4}><Text fw={500}>No deals match</Text><Text size="sm" c="dimmed">Try removing a filter.</Text></Stack>}
      />
    </TableBox>
  );
}
