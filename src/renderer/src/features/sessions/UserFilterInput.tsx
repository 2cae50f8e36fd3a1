// The Sessions tab's User field: one user's sessions (the collector matches the id exactly),
// suggesting the users the loaded sessions name.
import { useId } from 'react';

export interface UserFilterInputProps {
  value: string;
  users: readonly string[];
  onChange: (next: string) => void;
}

export function UserFilterInput({ value, users, onChange }: UserFilterInputProps) {
  const listId = useId();
  return (
    <>
      <input
        className="session-user-filter"
        aria-label="User"
        placeholder="User"
        title="Only this user's sessions (the exact user id)"
        value={value}
        spellCheck={false}
        list={listId}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={listId}>
        {users.map((user) => (
          <option key={user} value={user} />
        ))}
      </datalist>
    </>
  );
}
