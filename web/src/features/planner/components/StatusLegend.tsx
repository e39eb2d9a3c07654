import { Box, Group, Text } from "@mantine/core";
import { LEGEND_STATUSES, statusStyle } from "../rules/rules";

/** What each colour on the grid means. */
export function StatusLegend() {
  return (
    <Group gap="md" component="ul" aria-label="Legend" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {LEGEND_STATUSES.map((status) => {
        const style = statusStyle(status);
        return (
          <Group key={status} gap={6} component="li" wrap="nowrap">
            <Box
              aria-hidden
              className={style.className}
              w={22}
              h={14}
              style={{
                backgroundColor: style.backgroundColor,
                border: `1px ${style.borderStyle} ${style.borderColor}`,
                borderRadius: 3,
              }}
            />
            <Text size="sm" td={status === "CANCELLED" ? "line-through" : undefined}>
              {style.label}
            </Text>
          </Group>
        );
      })}
    </Group>
  );
}
