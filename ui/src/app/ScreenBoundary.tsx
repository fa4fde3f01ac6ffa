// Keeps a screen's programming error to that screen: the navigation, the palette and the other
// screens stay usable, and the person is told what happened instead of facing a blank window.
import { Component, type ReactNode } from "react";
import { Alert, Button, Center, Group, Stack, Text } from "@mantine/core";

interface Props {
  /** Changing it (the route) clears the error. */
  resetKey: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  key: string;
}

export class ScreenBoundary extends Component<Props, State> {
  state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  componentDidCatch(error: Error) {
    console.error("screen failed:", error);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Center h="100%" p="lg">
        <Alert color="red" title="This screen ran into a problem" maw={520} data-testid="screen-error">
          <Stack gap="sm">
            <Text size="sm">Your data is safe; nothing was changed. Another screen works as usual.</Text>
            <Text size="xs" c="dimmed" ff="monospace">{error.message}</Text>
            <Group>
              <Button size="xs" onClick={() => this.setState({ error: null })}>Try again</Button>
            </Group>
          </Stack>
        </Alert>
      </Center>
    );
  }
}
